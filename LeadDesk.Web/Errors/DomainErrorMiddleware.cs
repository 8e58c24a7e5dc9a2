using System.Text.Json;
using FluentValidation;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LeadDesk.Web.Errors;

/// <summary>
/// Turns the domain's "not found", "forbidden", "conflict" and "invalid" into responses, in the form each
/// caller reads: the status page for pages, <c>application/problem+json</c>
/// for the native API, and seed 000's <c>{ "success": false, "error": … }</c> for the external API.
/// Another workspace's row is a 404 everywhere.
/// </summary>
internal sealed class DomainErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var api = context.Request.Path.StartsWithSegments(ApiRoutes.Native) || context.Request.Path.StartsWithSegments(ApiRoutes.External);
        if (api && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false; // an API client reads JSON, not the HTML status page
        }
        try
        {
            await next(context);
            if (api && !context.Response.HasStarted && context.Response.StatusCode >= 400)
            {
                // Refused before any handler ran (no such route, wrong method or content type, a route or query value
                // that does not bind): the status alone, which an API client should still get in its error format.
                await WriteBareStatusAsync(context);
            }
        }
        catch (Exception caught) when (StatusFor(caught) is { } status && !context.Response.HasStarted)
        {
            var ex = Translate(caught);
            context.Response.Clear();
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "1";
            }
            var request = context.Request;
            if (request.Path.StartsWithSegments(ApiRoutes.External))
            {
                await context.Response.WriteAsJsonAsync(new ExternalError(false, ExternalMessages.For(ex, request)));
            }
            else if (request.Path.StartsWithSegments(ApiRoutes.Native))
            {
                await WriteProblemAsync(context, status, ex);
            }
        }
    }

    public static int? StatusFor(Exception exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        ValidationException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        DatabaseBusyException => StatusCodes.Status503ServiceUnavailable,
        // Provider errors that reach here outside a SaveChanges (raw SQL, ExecuteUpdate) mean the same as inside one.
        _ when DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsCollision(exception) => StatusCodes.Status409Conflict,
        _ when DatabaseErrors.IsBusy(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    // A provider's error becomes the domain's, so callers read one message in their own format, not SQL.
    private static Exception Translate(Exception exception) => exception switch
    {
        _ when DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsCollision(exception) =>
            ConflictException.SameMoment(),
        _ when DatabaseErrors.IsBusy(exception) => new DatabaseBusyException(),
        _ => exception,
    };

    private static Task WriteBareStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found.", "There is no such API route, or no such item."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed.", $"{context.Request.Method} is not supported on this route."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type.", "Send the body as JSON (Content-Type: application/json)."),
            StatusCodes.Status413PayloadTooLarge => ("The body is too large.", "Send a smaller body."),
            _ => (ReasonPhrase(status), "A route or query value could not be read; check the ids (UUIDs) and numbers in the URL."),
        };
        if (context.Request.Path.StartsWithSegments(ApiRoutes.External))
        {
            return context.Response.WriteAsJsonAsync(new ExternalError(false, status == StatusCodes.Status404NotFound
                ? ExternalMessages.For(new NotFoundException(Missing.Lead), context.Request)
                : $"{title} {detail}"));
        }
        return Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path }).ExecuteAsync(context);
    }

    // Where the API's name for a field is not the model's, errors use the name the caller sent.
    private static readonly Dictionary<string, string> ApiFieldNames = new(StringComparer.Ordinal) { ["OwnerId"] = "assignedTo" };

    private static Task WriteProblemAsync(HttpContext context, int status, Exception ex)
    {
        ProblemDetails problem = ex switch
        {
            ValidationException validation => new ValidationProblemDetails(validation.ByField()
                .ToDictionary(e => ApiFieldNames.GetValueOrDefault(e.Key) ?? JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value))
            {
                Title = "The request has invalid fields.",
                Detail = string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
            },
            ConflictException { CurrentVersion: { } version } conflict => new ProblemDetails
            {
                Title = "The lead changed since you read it.",
                Detail = $"{conflict.Message} Read it again (its version is now {version}) and retry.",
                Extensions = { ["currentVersion"] = version, ["changedBy"] = conflict.ChangedBy, ["changedAt"] = conflict.ChangedAt },
            },
            ConflictException => new ProblemDetails { Title = "A simultaneous change.", Detail = ex.Message },
            NotFoundException => new ProblemDetails { Title = "Not found.", Detail = ex.Message },
            _ => new ProblemDetails { Title = ReasonPhrase(status), Detail = ex.Message },
        };
        problem.Status = status;
        problem.Instance = context.Request.Path;
        return Results.Problem(problem).ExecuteAsync(context);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        StatusCodes.Status403Forbidden => "Not allowed.",
        StatusCodes.Status409Conflict => "A simultaneous change.",
        StatusCodes.Status503ServiceUnavailable => "Busy; nothing was saved.",
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        _ => "The request could not be handled.",
    };
}
