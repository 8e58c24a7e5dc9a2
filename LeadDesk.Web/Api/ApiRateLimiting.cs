using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Api;

/// <summary>Bound from <c>Api:RateLimit</c>: a token bucket per API token (or per signed-in user, or per address).</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimit";

    /// <summary>Requests a second each caller may make on average.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a caller may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 100;
}

internal static class ApiRateLimiting
{
    public const string Policy = "api";

    public static IServiceCollection AddLeadDeskApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.Section);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiRateLimitOptions>>().CurrentValue;
                return RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.Burst),
                    TokensPerPeriod = Math.Max(1, options.PermitsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (context.Request.Path.StartsWithSegments(ApiRoutes.External))
                {
                    await context.Response.WriteAsJsonAsync(new ExternalError(false, ExternalMessages.WantsPortuguese(context.Request)
                        ? $"Muitas requisições; tente novamente em {seconds} s."
                        : $"Too many requests; retry in {seconds} s."), cancellationToken);
                    return;
                }
                await Results.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = $"This token (or user) is over its rate limit; retry in {seconds} s.",
                }).ExecuteAsync(context);
            };
        });
        return services;
    }

    // One bucket per token, per signed-in user, or per client address, whichever the request has.
    private static string PartitionKey(HttpContext context) =>
        context.User.FindFirst(ApiTokenAuthenticationHandler.TokenClaim)?.Value is { } token ? $"token:{token}"
        : context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } user ? $"user:{user}"
        : $"ip:{context.Connection.RemoteIpAddress}";
}
