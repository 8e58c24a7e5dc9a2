using System.Globalization;
using System.Threading.RateLimiting;
using LeadDesk.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Api;

/// <summary>
/// Bound from <c>Api:RateLimit</c>: a token bucket per client address for every <c>/api</c> request, counted before the
/// caller is authenticated, then one per API token (or per signed-in user).
/// </summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimit";

    /// <summary>Requests a second each caller may make on average (below 1: one every 1/N seconds).</summary>
    public double PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a caller may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Requests a second one client address may make on average, whatever tokens it sends (or none); below 1, one every 1/N seconds.</summary>
    public double PerAddressPerSecond { get; set; } = 200;

    /// <summary>Requests one client address may make at once after a quiet spell.</summary>
    public int PerAddressBurst { get; set; } = 400;
}

internal static class ApiRateLimiting
{
    public const string Policy = "api";

    public static IServiceCollection AddLeadDeskApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.Section);
        services.AddSingleton<ApiAddressLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiRateLimitOptions>>().CurrentValue;
                return RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => Bucket(options.PermitsPerSecond, options.Burst));
            });
            limiter.OnRejected = (rejected, cancellationToken) =>
                new ValueTask(RejectAsync(rejected.HttpContext, rejected.Lease, "This token (or user) is over its rate limit", cancellationToken));
        });
        return services;
    }

    /// <summary>
    /// Limits every <c>/api</c> request by client address before authentication runs, so a flood of unknown tokens is
    /// refused before each of them costs a database query.
    /// </summary>
    public static IApplicationBuilder UseApiAddressLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<ApiAddressLimiter>();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                using var lease = limiter.Acquire(context);
                if (!lease.IsAcquired)
                {
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await RejectAsync(context, lease, "Your address is over its rate limit", context.RequestAborted);
                    return;
                }
            }
            await next(context);
        });
    }

    /// <summary>A bucket of <paramref name="burst"/> requests refilled at <paramref name="perSecond"/>: whole requests every second, or one request every 1/N seconds below one a second.</summary>
    public static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = perSecond >= 1 ? (int)Math.Round(perSecond) : 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(perSecond is >= 1 or <= 0 ? 1 : 1 / perSecond),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>429 with Retry-After, in the API's formats: problem+json, or seed 000's error body for the external API.</summary>
    private static async Task RejectAsync(HttpContext context, RateLimitLease lease, string who, CancellationToken cancellationToken)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
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
            Detail = $"{who}; retry in {seconds} s.",
        }).ExecuteAsync(context);
    }

    // One bucket per token, per signed-in user, or per client address, whichever the request has.
    private static string PartitionKey(HttpContext context) =>
        context.User.FindFirst(ApiTokenAuthenticationHandler.TokenClaim)?.Value is { } token ? $"token:{token}"
        : context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } user ? $"user:{user}"
        : $"ip:{ClientAddress.Key(context)}";
}

/// <summary>The per-address buckets of <see cref="ApiRateLimiting.UseApiAddressLimit"/>; idle buckets are dropped by the limiter.</summary>
internal sealed class ApiAddressLimiter(IOptions<ApiRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Key(context), _ => ApiRateLimiting.Bucket(options.Value.PerAddressPerSecond, options.Value.PerAddressBurst)));

    public RateLimitLease Acquire(HttpContext context) => _limiter.AttemptAcquire(context);

    public void Dispose() => _limiter.Dispose();
}
