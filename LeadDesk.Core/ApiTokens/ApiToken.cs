using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.ApiTokens;

/// <summary>
/// A workspace's key for the REST API. The secret is shown once; only its SHA-256 hash and a short
/// lookup prefix are kept.
/// </summary>
public class ApiToken : WorkspaceEntity
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 11; // "ld_" and the secret's first eight characters
    public const int ScopesMaxLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; }
    /// <summary>The secret's first characters: finds the row; safe to show ("ld_Ab12Cd34…").</summary>
    public string Prefix { get; private set; }
    /// <summary>SHA-256 of the whole secret, lower-case hex.</summary>
    public string SecretHash { get; private set; }
    /// <summary>Space-separated, e.g. <c>leads:read leads:write</c>.</summary>
    public string Scopes { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    public ApiToken(string name, string prefix, string secretHash, string scopes, DateTime? expiresAt)
    {
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        Scopes = scopes;
        ExpiresAt = expiresAt;
    }

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
