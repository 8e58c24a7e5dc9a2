using FluentValidation;
using LeadDesk.Core.Common;

namespace LeadDesk.Web.Errors;

/// <summary>
/// Turns the domain's "not found", "forbidden", "conflict" and "invalid" into status codes for pages and
/// fragments, so the status-code page renders instead of an error page. Another workspace's row is a 404.
/// </summary>
internal sealed class DomainErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (StatusFor(ex) is { } status && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = status;
            if (IsFragmentRequest(context.Request))
            {
                // A fragment's target must not fill with an error page: htmx swaps nothing and leaddesk.js
                // shows this plain-text reason in a toast. Whole pages get the status page instead.
                context.Response.Headers["HX-Reswap"] = "none";
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ex switch
                {
                    ValidationException validation => string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
                    NotFoundException => "That lead no longer exists, or is not visible to you.",
                    _ => ex.Message,
                });
            }
        }
    }

    private static bool IsFragmentRequest(HttpRequest request) =>
        request.Headers.ContainsKey("HX-Request") && !request.Headers.ContainsKey("HX-Boosted");

    public static int? StatusFor(Exception exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        ValidationException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
