using LeadDesk.Core.Data;
using LeadDesk.Core.Phones;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

public enum DuplicateMatch
{
    Email,
    Phone,
    /// <summary>Same first and last name at the same company: a possible duplicate, worth a look.</summary>
    NameAndCompany,
}

/// <param name="Visible">False when the actor cannot open the match (own+team visibility): say it exists and who owns it, show nothing more (names, email, phone and company are blank).</param>
public sealed record DuplicateCandidate(Guid Id, string FirstName, string LastName, string? Email, string? Phone, string? Company,
    string? OwnerName, DuplicateMatch Match, bool Visible)
{
    public bool IsCertain => Match != DuplicateMatch.NameAndCompany;
}

public sealed record DuplicateQuery(string? Email, string? Phone, string? FirstName = null, string? LastName = null, string? Company = null, Guid? ExcludeId = null);

/// <summary>
/// Leads that are probably the same person (seed 004 <c>check-duplicates</c>, seed 001's capture rule):
/// the same normalised email or E.164 phone for certain (in a US workspace "+1 800 123 4567", "18001234567" and
/// "(800) 123-4567" are one number), the same name at the same company as possible.
/// </summary>
public sealed class DuplicateFinder(LeadDeskDbContext db, LeadAccess access, PhoneRegions phoneRegions)
{
    public const int MaxResults = 10;

    /// <summary>
    /// The keys of the capture rule (seed 001) for a lead's contacts: <c>e:</c> and the normalised email, <c>p:</c> and the
    /// E.164 phone read in <paramref name="phoneRegion"/> — only those that are valid, so a typo never matches a stranger.
    /// </summary>
    public static IReadOnlyList<string> ContactKeys(string? email, string? phone, string phoneRegion) =>
        new[] { ContactNormalizer.IsValidEmail(email) ? "e:" + ContactNormalizer.Email(email) : null, PhoneFormat.ToE164(phone, phoneRegion) is { } e164 ? "p:" + e164 : null }
            .OfType<string>().ToList();

    /// <summary>The contact keys of a lead in the current workspace (its phone region).</summary>
    public async Task<IReadOnlyList<string>> ContactKeysAsync(string? email, string? phone, CancellationToken cancellationToken = default) =>
        ContactKeys(email, phone, await phoneRegions.CurrentAsync(cancellationToken));

    /// <summary>
    /// A lead with the same normalised email or phone (seed 001's capture rule), or null; the email wins. Workspace-wide,
    /// whoever can see it: a capture must not create a second lead for a person a rep already owns.
    /// </summary>
    public async Task<Guid?> ExistingAsync(string? email, string? phone, CancellationToken cancellationToken = default)
    {
        var keys = await ContactKeysAsync(email, phone, cancellationToken);
        var known = await ExistingAsync(keys, cancellationToken);
        return keys.Select(k => known.GetValueOrDefault(k)).FirstOrDefault(id => id != Guid.Empty) is var id && id != Guid.Empty ? id : null;
    }

    /// <summary>Contact key → a lead that has it, for many keys at once: one indexed lookup for the emails and one for the phones.</summary>
    public async Task<Dictionary<string, Guid>> ExistingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var emails = keys.Where(c => c.StartsWith("e:", StringComparison.Ordinal)).Select(c => c[2..]).ToList();
        var phones = keys.Where(c => c.StartsWith("p:", StringComparison.Ordinal)).Select(c => c[2..]).ToList();
        var known = new Dictionary<string, Guid>(StringComparer.Ordinal);
        // One lookup per kind, each an index seek: an OR of both lets SQLite prefer walking another index over the workspace.
        if (emails.Count > 0)
        {
            foreach (var hit in await db.Leads.AsNoTracking().Where(l => emails.Contains(l.Email!)).Select(l => new { l.Id, l.Email }).ToListAsync(cancellationToken))
            {
                known.TryAdd("e:" + hit.Email, hit.Id);
            }
        }
        if (phones.Count > 0)
        {
            foreach (var hit in await db.Leads.AsNoTracking().Where(l => phones.Contains(l.Phone!)).Select(l => new { l.Id, l.Phone }).ToListAsync(cancellationToken))
            {
                known.TryAdd("p:" + hit.Phone, hit.Id);
            }
        }
        return known;
    }

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(DuplicateQuery query, CancellationToken cancellationToken = default)
    {
        var email = ContactNormalizer.IsValidEmail(query.Email) ? ContactNormalizer.Email(query.Email) : null;
        var phone = PhoneFormat.ToE164(query.Phone, await phoneRegions.CurrentAsync(cancellationToken));
        var first = query.FirstName?.Trim().ToLowerInvariant();
        var last = query.LastName?.Trim().ToLowerInvariant();
        var company = query.Company?.Trim().ToLowerInvariant();
        var byName = !string.IsNullOrEmpty(first) && !string.IsNullOrEmpty(last) && !string.IsNullOrEmpty(company);
        if (email is null && phone is null && !byName)
        {
            return [];
        }

        var leads = db.Leads.AsNoTracking().Where(l => l.Id != query.ExcludeId);
        var matches = leads.Where(l => (email != null && l.Email == email) || (phone != null && l.Phone == phone));
        if (byName)
        {
            // The lower-cased search text starts with "first last " (the company follows), so no function of the name
            // columns is needed; the trailing space keeps "John Smith" from matching "John Smithson".
            var prefix = $"{first} {last} ";
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() here is SQL lower(), not .NET's culture-aware lowering
            matches = matches.Union(leads.Where(l => l.SearchText.StartsWith(prefix) && l.Company != null && l.Company.ToLower() == company));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var rows = await (
                from l in matches
                join o in db.Users on l.OwnerId equals o.Id into owners
                from o in owners.DefaultIfEmpty()
                select new { l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.Company, OwnerName = o.DisplayName })
            .Take(MaxResults * 2)
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var visible = (await (await access.VisibleAsync(cancellationToken: cancellationToken))
            .Where(l => ids.Contains(l.Id))
            .Select(l => l.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        return rows
            .Select(r =>
            {
                var match = email != null && r.Email == email ? DuplicateMatch.Email : phone != null && r.Phone == phone ? DuplicateMatch.Phone : DuplicateMatch.NameAndCompany;
                // A lead the actor may not open is only said to exist (and who owns it): its own details stay hidden.
                return visible.Contains(r.Id)
                    ? new DuplicateCandidate(r.Id, r.FirstName, r.LastName, r.Email, r.Phone, r.Company, r.OwnerName, match, true)
                    : new DuplicateCandidate(r.Id, "", "", null, null, null, r.OwnerName, match, false);
            })
            .OrderBy(c => c.Match)
            .Take(MaxResults)
            .ToList();
    }
}
