using System.Text.Json;
using System.Text.Json.Serialization;
using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace LeadDesk.Web.Api;

/// <summary>The REST API's plumbing: JSON conventions, auth responses, antiforgery for cookie callers, and the route groups.</summary>
internal static class ApiSetup
{
    public static IServiceCollection AddLeadDeskApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddLeadDeskApiRateLimiting();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        var authorization = services.AddAuthorizationBuilder();
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(TokenPolicy(permission), policy => policy
                .RequireClaim(ApiTokenAuthenticationHandler.TokenClaim)
                .AddRequirements(new Auth.PermissionRequirement(permission)));
        }
        return services;
    }

    public static void MapLeadDeskApi(this IEndpointRouteBuilder app)
    {
        var native = app.MapGroup(ApiRoutes.Native)
            .RequireAuthorization()
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .AddEndpointFilter(CookieCallersNeedAntiforgeryAsync)
            .DisableAntiforgery(); // bearer tokens need none; cookie callers are checked by the filter above
        native.MapLeadsApi();
        native.MapLeadPartsApi();
        native.MapLeadSettingsApi();
        app.MapExternalLeadsApi();
    }

    /// <summary>For the external API: an API token (not a sign-in cookie) whose scopes grant <paramref name="permission"/>.</summary>
    public static string TokenPolicy(string permission) => $"token:{permission}";

    /// <summary>
    /// The app's own pages may call the API with their sign-in cookie, and then a state-changing call
    /// must carry the antiforgery token (header <c>RequestVerificationToken</c>), as a form would.
    /// </summary>
    private static async ValueTask<object?> CookieCallersNeedAntiforgeryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var cookieCaller = context.User.FindFirst(ApiTokenAuthenticationHandler.TokenClaim) is null;
        if (unsafeMethod && cookieCaller && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Missing or invalid antiforgery token.",
                Detail = "A signed-in page calling the API must send its antiforgery token in the RequestVerificationToken header. API clients use a bearer token instead.",
            });
        }
        return await next(invocation);
    }
}

/// <summary>
/// 401 and 403 for the API in its own formats (problem+json; seed 000's 403 and error body for the
/// external API); pages keep the sign-in redirect and the access-denied page.
/// </summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var path = context.Request.Path;
        if (authorizeResult.Succeeded || !path.StartsWithSegments("/api"))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (path.StartsWithSegments(ApiRoutes.External))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ExternalError(false, ExternalMessages.Forbidden(ExternalMessages.WantsPortuguese(context.Request))));
            return;
        }
        var authenticated = context.User.Identity?.IsAuthenticated == true;
        if (!authenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadDesk\"";
        }
        await Results.Problem(new ProblemDetails
        {
            Status = authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
            Title = authenticated ? "Not allowed." : "Authentication required.",
            Detail = authenticated
                ? "The token's scopes (or your role) do not allow this. leads:read reads leads, leads:write changes them, settings:read and settings:write the lead settings."
                : "Send an API token as 'Authorization: Bearer ld_…' (Settings → API tokens); it is missing, unknown, expired or revoked.",
        }).ExecuteAsync(context);
    }
}
