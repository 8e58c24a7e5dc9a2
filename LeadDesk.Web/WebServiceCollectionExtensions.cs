using System.Security.Claims;
using LeadDesk.Core.Accounts;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Api;
using LeadDesk.Web.Auth;
using LeadDesk.Web.Localization;
using LeadDesk.Web.Circuits;
using MudBlazor.Services;
using Microsoft.AspNetCore.Authentication;
using LeadDesk.Web.Components;
using LeadDesk.Web.Components.Shared;
using LeadDesk.Web.Errors;
using LeadDesk.Web.Leads;
using LeadDesk.Web.Security;
using LeadDesk.Web.WebForms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace LeadDesk.Web;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddLeadDeskWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // A prerendered page's state ([PersistentState]) comes back to the server in the circuit's first message: the
        // board's 50 cards per column are about 120 KB, above SignalR's 32 KB default, which would drop the connection.
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(hub => hub.MaximumReceiveMessageSize = 1024 * 1024);
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, MudTranslations>();
        services.AddScoped<CircuitWorkspace>();
        services.AddScoped<UiOperations>();
        services.AddSingleton<SharedReads>();
        // Keys in the database, encrypted with a certificate: any node behind a load balancer can read any node's cookies.
        services.AddLeadDeskDataProtection(configuration, environment.ContentRootPath);
        services.AddLeadDeskForwardedHeaders(configuration);
        // Every cookie (sign-in, workspace, antiforgery, toasts) is Secure outside Development, whatever the code that sets it says.
        services.Configure<CookiePolicyOptions>(policy =>
            policy.Secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddHttpContextAccessor();

        services.AddAuthentication(ApiTokenAuthenticationHandler.SelectorScheme)
            .AddPolicyScheme(ApiTokenAuthenticationHandler.SelectorScheme, "Cookie or API token", options =>
                // Tokens open the API only: on a page or an HTML fragment a bearer header counts for nothing.
                options.ForwardDefaultSelector = context => ApiTokenAuthenticationHandler.HasBearer(context.Request) && context.Request.Path.StartsWithSegments("/api")
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthentication().AddIdentityCookies();
        services.AddIdentityCore<AppUser>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<LeadDeskClaimsPrincipalFactory>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "ld.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            // This browser follows the language the person chose, on any device they chose it (none: the browser's own).
            cookie.Events.OnSignedIn = context =>
            {
                Languages.Remember(context.Response, Languages.Normalize(context.Principal?.FindFirstValue(LeadDeskClaimsPrincipalFactory.LanguageClaim)));
                return Task.CompletedTask;
            };
        });
        // A removed member or a changed password takes effect within minutes, not at cookie expiry.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<WorkspaceSession>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        services.AddSingleton<SignInThrottle>();

        services.AddLeadDeskApi();
        services.AddLeadDeskApiDocumentation();
        services.AddWebFormSubmissions();
        services.AddHostedService<LeadDesk.Core.Webhooks.WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<LeadDesk.Core.Leads.LeadCapture>());
        services.AddHealthChecks().AddDbContextCheck<LeadDeskDbContext>("database");
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseLeadDeskPipeline(this WebApplication app)
    {
        // First: everything after it (HTTPS redirection, Secure cookies, every per-address limit) sees the client's
        // address and scheme as a trusted proxy reported them.
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        // A fresh scope: a page that failed with a 404 mid-render has already used the request's scoped Blazor
        // services (NavigationManager), which cannot render the status page a second time.
        app.UseStatusCodePagesWithReExecute("/status/{0}", queryFormat: null, createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseLeadDeskApiDocumentation();
        app.UseApiAddressLimit();
        app.UseAuthentication();
        app.UseMiddleware<CurrentActorMiddleware>();
        app.UseMiddleware<LanguageMiddleware>();
        app.UseMiddleware<DomainErrorMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapLeadDeskEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapDocumentEndpoints();
        app.MapLeadDeskApi();
        app.MapLeadDeskApiDocumentation();
        app.MapWebFormEndpoints();
        // The framework's and MudBlazor's files, fingerprinted and cached (App.razor names them through Assets).
        app.MapStaticAssets().AllowAnonymous();
        // Our Content-Security-Policy already says frame-ancestors 'none'; Blazor would add a second header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    // Browsers get the sign-in page; API clients get a status code they can act on.
    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
