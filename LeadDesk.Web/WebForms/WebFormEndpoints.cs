using System.Threading.RateLimiting;
using FluentValidation;
using LeadDesk.Core.Common;
using LeadDesk.Core.WebForms;
using LeadDesk.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.WebForms;

/// <summary>Bound from <c>WebForms</c>: submissions allowed per minute from one address to one form, and to one form in all.</summary>
public sealed class WebFormLimits
{
    public const string Section = "WebForms";
    public const long MaxBodyBytes = 16 * 1024;

    public int PerAddressPerMinute { get; set; } = 10;
    public int PerFormPerMinute { get; set; } = 300;
}

/// <summary>
/// <c>POST /f/{key}</c>: an ordinary form post from a customer's site (no secret in the page). Checked for the
/// site's origin, the honeypot, per-address and per-form rates and size; answers with a redirect, the thank-you
/// page, or JSON when asked (<c>Accept: application/json</c>, with CORS for the allowed sites).
/// </summary>
internal static class WebFormEndpoints
{
    public static IServiceCollection AddWebFormSubmissions(this IServiceCollection services)
    {
        services.AddOptions<WebFormLimits>().BindConfiguration(WebFormLimits.Section);
        services.AddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<WebFormLimits>>().Value;
            static RateLimitPartition<string> PerMinute(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
            // Keys are "form|address": the first limiter counts per address and form, the second per form.
            return PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<string, string>(key => PerMinute(key, limits.PerAddressPerMinute)),
                PartitionedRateLimiter.Create<string, string>(key => PerMinute(key.Split('|')[0], limits.PerFormPerMinute)));
        });
        return services;
    }

    public static void MapWebFormEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/f/{key}", SubmitAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(WebFormLimits.MaxBodyBytes));
        app.MapGet("/f/{key}/thanks", () => Page(StatusCodes.Status200OK, "Thank you", "We have your details and will be in touch soon.", null, success: true))
            .AllowAnonymous();
    }

    private static async Task<IResult> SubmitAsync(string key, HttpContext context, WebFormService forms, PartitionedRateLimiter<string> limiter, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var origin = OriginOf(request);
        var wantsJson = request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var form = await forms.FindPublicAsync(key, cancellationToken);
        if (form.Allows(origin) && origin is not null && form.Origins.Count > 0)
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.Vary = "Origin";
        }
        if (!form.Allows(origin))
        {
            return Answer(wantsJson, StatusCodes.Status403Forbidden, "This form does not accept submissions from this site.", null);
        }
        using var lease = await limiter.AcquireAsync($"{form.Key}|{ClientAddress.Key(context)}", 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "60";
            return Answer(wantsJson, StatusCodes.Status429TooManyRequests, "Too many submissions; please try again in a minute.", request.Headers.Referer);
        }
        if (request.ContentLength > WebFormLimits.MaxBodyBytes)
        {
            return Answer(wantsJson, StatusCodes.Status413PayloadTooLarge, "That is more text than the form takes.", request.Headers.Referer);
        }
        if (!request.HasFormContentType)
        {
            return Answer(wantsJson, StatusCodes.Status415UnsupportedMediaType, "Send the form as application/x-www-form-urlencoded or multipart/form-data.", null);
        }
        var posted = await request.ReadFormAsync(cancellationToken);
        var values = posted.Keys.ToDictionary(k => k, k => posted[k].ToString(), StringComparer.Ordinal);
        try
        {
            var outcome = await forms.SubmitAsync(key, values, origin, cancellationToken);
            if (wantsJson)
            {
                return Results.Json(new { success = true });
            }
            var next = form.SuccessRedirectUrl
                ?? (outcome != SubmissionOutcome.Dropped && SameSiteReferer(request, form) is { } back ? back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "submitted=1" : null)
                ?? $"/f/{form.Key}/thanks";
            return Results.Redirect(next, permanent: false, preserveMethod: false);
        }
        catch (ValidationException ex)
        {
            return Answer(wantsJson, StatusCodes.Status400BadRequest, string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()), request.Headers.Referer);
        }
        catch (ForbiddenException ex)
        {
            return Answer(wantsJson, StatusCodes.Status403Forbidden, ex.Message, null);
        }
    }

    /// <summary>The posting site: the Origin header, or the Referer's origin when a browser sends no Origin.</summary>
    private static string? OriginOf(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null")
        {
            return origin;
        }
        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) ? referer.GetLeftPart(UriPartial.Authority) : null;
    }

    private static string? SameSiteReferer(HttpRequest request, PublicWebForm form) =>
        Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) && form.Allows(referer.GetLeftPart(UriPartial.Authority)) && form.Origins.Count > 0
            ? referer.GetLeftPart(UriPartial.Path)
            : null;

    private static IResult Answer(bool json, int status, string message, string? back) => json
        ? Results.Json(new { success = false, error = message }, statusCode: status)
        : Page(status, status == StatusCodes.Status429TooManyRequests ? "Please wait a moment" : "Your details were not sent", message,
            Uri.TryCreate(back, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.ToString() : null);

    private static RazorComponentResult<WebFormResponse> Page(int status, string title, string message, string? back, bool success = false) =>
        new(new { Title = title, Message = message, BackUrl = back, Success = success }) { StatusCode = status };
}
