using System.Security.Cryptography;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LeadDesk.Core.ApiTokens;

public sealed record ApiTokenView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime? ExpiresAt, DateTime? RevokedAt,
    DateTime? LastUsedAt, DateTime CreatedAt, string? CreatedBy, bool IsActive);

/// <summary>The new token's secret: shown to the admin once and never again.</summary>
public sealed record NewApiToken(ApiTokenView Token, string Secret);

/// <summary>Who a valid token acts as.</summary>
public sealed record ApiTokenIdentity(Guid TokenId, Guid WorkspaceId, string WorkspaceSlug, IReadOnlyList<string> Scopes);

/// <summary>Creating, listing and revoking API tokens (admins), and recognising a presented secret.</summary>
public sealed class ApiTokenService(LeadDeskDbContext db, ICurrentActor actor, TimeProvider clock, IMemoryCache cache, RejectedSecrets rejected)
{
    /// <summary>
    /// How long a recognised token is remembered without asking the database. Revoking on this node takes effect
    /// at once; another node of the same deployment notices within this time.
    /// </summary>
    public static readonly TimeSpan RecognitionCacheTime = TimeSpan.FromSeconds(10);

    public const string SecretPrefix = "ld_";
    private const int SecretLength = 40; // base62 characters after "ld_": about 238 bits
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.ApiTokensManage);
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
        actor.Require(Permissions.ApiTokensManage);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > ApiToken.NameMaxLength)
        {
            throw Validation.Error("name", Messages.T("Give the token a name of 1 to {0} characters, such as the site or tool that will use it.", ApiToken.NameMaxLength));
        }
        var chosen = scopes.Distinct().ToList();
        if (chosen.Count == 0 || chosen.Any(s => !ApiScopes.All.Contains(s)))
        {
            throw Validation.Error("scopes", Messages.T("Choose one or more scopes: {0}.", string.Join(", ", ApiScopes.All)));
        }
        if (expiresAt is { } expiry && expiry <= Now)
        {
            throw Validation.Error("expiresAt", Messages.T("An expiry date must be in the future."));
        }

        var secret = SecretPrefix + RandomNumberGenerator.GetString(Base62, SecretLength);
        var token = new ApiToken(trimmed, secret[..ApiToken.PrefixLength], Hash(secret), string.Join(' ', ApiScopes.All.Where(chosen.Contains)), expiresAt);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new NewApiToken(View(token, null, Now), secret);
    }

    public async Task RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.ApiTokensManage);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.ApiToken);
        token.Revoke(Now);
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(token.SecretHash));
    }

    /// <summary>
    /// The identity of a presented secret, or null when it is unknown, revoked or expired. Works across
    /// workspaces (the token says which one); the hash is compared in constant time. A secret that matched nothing is
    /// refused from memory for <see cref="RejectedSecrets.MemoryTime"/>, without a query.
    /// </summary>
    public async Task<ApiTokenIdentity?> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (secret is null || secret.Length != SecretPrefix.Length + SecretLength || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(secret);
        var now = Now;
        if (!cache.TryGetValue(CacheKey(hash), out Recognised? known) || known is null)
        {
            if (rejected.Contains(hash))
            {
                return null;
            }
            known = await RecogniseAsync(secret[..ApiToken.PrefixLength], hash, cancellationToken);
            if (known is null)
            {
                rejected.Add(hash);
                return null;
            }
            cache.Set(CacheKey(hash), known, RecognitionCacheTime);
        }
        if (known.ExpiresAt is { } expires && expires <= now)
        {
            return null;
        }
        // Last use to the minute: one small write a minute per token, not one per request.
        if (known.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            known.LastUsedAt = now;
            await db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == known.Identity.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        return known.Identity;
    }

    private async Task<Recognised?> RecogniseAsync(string prefix, string hash, CancellationToken cancellationToken)
    {
        var row = await (
                from t in db.ApiTokens.IgnoreQueryFilters().AsNoTracking()
                join w in db.Workspaces on t.WorkspaceId equals w.Id
                where t.Prefix == prefix
                select new { t.Id, t.WorkspaceId, w.Slug, t.SecretHash, t.Scopes, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(row.SecretHash))
            || row.RevokedAt is not null)
        {
            return null;
        }
        return new Recognised(new ApiTokenIdentity(row.Id, row.WorkspaceId, row.Slug, ApiScopes.Parse(row.Scopes)), row.ExpiresAt) { LastUsedAt = row.LastUsedAt };
    }

    private sealed record Recognised(ApiTokenIdentity Identity, DateTime? ExpiresAt)
    {
        public DateTime? LastUsedAt { get; set; }
    }

    private static string CacheKey(string hash) => "api-token:" + hash;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;


    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiTokenView View(ApiToken token, string? createdBy, DateTime now) => new(
        token.Id, token.Name, token.Prefix, ApiScopes.Parse(token.Scopes), token.ExpiresAt, token.RevokedAt, token.LastUsedAt, token.CreatedAt, createdBy, token.IsActive(now));
}
