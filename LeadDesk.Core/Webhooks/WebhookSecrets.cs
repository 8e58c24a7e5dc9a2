using System.Security.Cryptography;
using LeadDesk.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: encrypted with ASP.NET Core Data Protection (the app's key ring, a purpose of their
/// own), so a copy of the database alone cannot sign deliveries. Rows from before held the secret itself (it starts
/// <c>whsec_</c>): start-up encrypts them, and until then they are read as they are.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Prefix = "whsec_";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LeadDesk.Webhooks.SigningSecret");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret, or null when it cannot be decrypted (the keys it was encrypted with are gone).</summary>
    public string? Reveal(string stored)
    {
        if (stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Encrypts the secrets still stored as they are; returns how many it encrypted.</summary>
    public async Task<int> ProtectPlaintextAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var plaintext = await db.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProtectedSecret.StartsWith(Prefix))
            .Select(s => new { s.Id, s.ProtectedSecret })
            .ToListAsync(cancellationToken);
        var encrypted = 0;
        using var write = await db.EnterWriteAsync(cancellationToken);
        foreach (var row in plaintext)
        {
            var protectedSecret = Protect(row.ProtectedSecret);
            // Only while it is still plaintext: another node starting at the same moment may have encrypted it already.
            encrypted += await db.WebhookSubscriptions.IgnoreQueryFilters()
                .Where(s => s.Id == row.Id && s.ProtectedSecret == row.ProtectedSecret)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProtectedSecret, protectedSecret), cancellationToken);
        }
        return encrypted;
    }
}
