using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.ApiTokens;

public sealed record ApiTokenView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime? ExpiresAt, DateTime? RevokedAt,
    DateTime? LastUsedAt, DateTime CreatedAt, string? CreatedBy, bool IsActive);

/// <summary>The new token's secret: shown to the admin once and never again.</summary>
public sealed record NewApiToken(ApiTokenView Token, string Secret);

/// <summary>Who a valid token acts as.</summary>
public sealed record ApiTokenIdentity(Guid TokenId, Guid WorkspaceId, string WorkspaceSlug, IReadOnlyList<string> Scopes);

/// <summary>Creating, listing and revoking API tokens (admins), and recognising a presented secret.</summary>
public sealed class ApiTokenService(LeadDeskDbContext db, ICurrentActor actor, TimeProvider clock)
{
    public const string SecretPrefix = "ld_";
    private const int SecretLength = 40; // base62 characters after "ld_": about 238 bits
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var now = Now;
        var rows = await (
                from t in db.ApiTokens.AsNoTracking()
                join u in db.Users on t.CreatedById equals u.Id into creators
                from u in creators.DefaultIfEmpty()
                orderby t.CreatedAt descending
                select new { Token = t, CreatedBy = u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => View(r.Token, r.CreatedBy, now)).ToList();
    }

    public async Task<NewApiToken> CreateAsync(string? name, IReadOnlyCollection<string> scopes, DateTime? expiresAt, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > ApiToken.NameMaxLength)
        {
            throw Validation.Error("name", $"Give the token a name of 1 to {ApiToken.NameMaxLength} characters, such as the site or tool that will use it.");
        }
        var chosen = scopes.Distinct().ToList();
        if (chosen.Count == 0 || chosen.Any(s => !ApiScopes.All.Contains(s)))
        {
            throw Validation.Error("scopes", $"Choose one or more scopes: {string.Join(", ", ApiScopes.All)}.");
        }
        if (expiresAt is { } expiry && expiry <= Now)
        {
            throw Validation.Error("expiresAt", "An expiry date must be in the future.");
        }

        var secret = SecretPrefix + RandomNumberGenerator.GetString(Base62, SecretLength);
        var token = new ApiToken(trimmed, secret[..ApiToken.PrefixLength], Hash(secret), string.Join(' ', ApiScopes.All.Where(chosen.Contains)), expiresAt);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new NewApiToken(View(token, null, Now), secret);
    }

    public async Task RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("API token");
        token.Revoke(Now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The identity of a presented secret, or null when it is unknown, revoked or expired. Works across
    /// workspaces (the token says which one); the hash is compared in constant time.
    /// </summary>
    public async Task<ApiTokenIdentity?> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (secret is null || secret.Length != SecretPrefix.Length + SecretLength || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var prefix = secret[..ApiToken.PrefixLength];
        var row = await (
                from t in db.ApiTokens.IgnoreQueryFilters().AsNoTracking()
                join w in db.Workspaces on t.WorkspaceId equals w.Id
                where t.Prefix == prefix
                select new { t.Id, t.WorkspaceId, w.Slug, t.SecretHash, t.Scopes, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .FirstOrDefaultAsync(cancellationToken);
        var now = Now;
        if (row is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(row.SecretHash))
            || row.RevokedAt is not null
            || row.ExpiresAt is { } expires && expires <= now)
        {
            return null;
        }
        // Last use to the minute: one small write a minute per token, not one per request.
        if (row.LastUsedAt is null || now - row.LastUsedAt >= LastUsedResolution)
        {
            await db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        return new ApiTokenIdentity(row.Id, row.WorkspaceId, row.Slug, ApiScopes.Parse(row.Scopes));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void RequireAdmin()
    {
        if (!actor.Can(Permissions.SettingsAdmin) || actor.TokenId is not null)
        {
            throw new ForbiddenException("Only admins, signed in, manage API tokens.");
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiTokenView View(ApiToken token, string? createdBy, DateTime now) => new(
        token.Id, token.Name, token.Prefix, ApiScopes.Parse(token.Scopes), token.ExpiresAt, token.RevokedAt, token.LastUsedAt, token.CreatedAt, createdBy, token.IsActive(now));
}
