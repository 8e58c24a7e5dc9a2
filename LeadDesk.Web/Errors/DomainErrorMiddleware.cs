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
            if (context.Request.Headers.ContainsKey("HX-Request") && ex is not NotFoundException)
            {
                // htmx shows the body of a failed request in a toast: say what went wrong in plain words.
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ex is ValidationException validation
                    ? string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct())
                    : ex.Message);
            }
        }
    }

    public static int? StatusFor(Exception exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        ValidationException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
