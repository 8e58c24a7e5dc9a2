using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadDesk.Core.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Api;

/// <summary>
/// <c>Authorization: Bearer ld_…</c>. A valid token becomes a principal carrying its workspace and scopes;
/// <see cref="Auth.CurrentActorMiddleware"/> turns that into the request's actor.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    /// <summary>Picks the token handler when a bearer token is sent, the sign-in cookie otherwise.</summary>
    public const string SelectorScheme = "LeadDesk";
    public const string TokenClaim = "ld:token";
    public const string WorkspaceClaim = "ld:workspace";
    /// <summary>The workspace's slug, which the external API answers with as <c>tenant</c>.</summary>
    public const string WorkspaceSlugClaim = "ld:workspace-slug";
    public const string ScopeClaim = "ld:scope";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var identity = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API token is missing, unknown, expired or revoked.");
        }
        var claims = new List<Claim>
        {
            new(TokenClaim, identity.TokenId.ToString()),
            new(WorkspaceClaim, identity.WorkspaceId.ToString()),
            new(WorkspaceSlugClaim, identity.WorkspaceSlug),
            new(ClaimTypes.Name, $"api-token {identity.TokenId}"),
        };
        claims.AddRange(identity.Scopes.Select(scope => new Claim(ScopeClaim, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadDesk\"";
        return Task.CompletedTask;
    }
}
