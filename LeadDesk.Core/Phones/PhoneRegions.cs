using System.Globalization;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LeadDesk.Core.Phones;

/// <summary>A region a workspace can choose: its ISO 3166 code, English name and country calling code.</summary>
public sealed record PhoneRegionChoice(string Code, string Name, int CallingCode)
{
    public string Label => $"{Name} (+{CallingCode})";
}

/// <summary>
/// The current workspace's default phone region: where numbers typed without a country code are from. Read once a
/// minute per workspace and node (a capture batch, a search, a validation must not cost a query each), so a change
/// reaches the other nodes within the minute.
/// </summary>
public sealed class PhoneRegions(LeadDeskDbContext db, ICurrentActor actor, LeadAccess access, IMemoryCache cache, SettingsAudit audit)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>Every region libphonenumber knows, by name.</summary>
    public static IReadOnlyList<PhoneRegionChoice> Choices { get; } =
    [
        .. PhoneFormat.Regions
            .Select(code => new PhoneRegionChoice(code, NameOf(code), PhoneFormat.CallingCodeOf(code)))
            .OrderBy(c => c.Name, StringComparer.InvariantCulture),
    ];

    /// <summary>The current workspace's region (<see cref="PhoneFormat.DefaultRegion"/> outside a workspace).</summary>
    public async Task<string> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (actor.WorkspaceId is not { } workspaceId)
        {
            return PhoneFormat.DefaultRegion;
        }
        if (cache.TryGetValue(Key(workspaceId), out string? region) && region is not null)
        {
            return region;
        }
        region = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.PhoneRegion).FirstOrDefaultAsync(cancellationToken)
            ?? PhoneFormat.DefaultRegion;
        cache.Set(Key(workspaceId), region, CacheFor);
        return region;
    }

    /// <summary>Changes the current workspace's region. Numbers already stored keep their country code.</summary>
    public async Task<PhoneRegionChoice> SetAsync(string? region, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsAdmin, Messages.T("Only admins can change workspace settings."));
        var code = region?.Trim().ToUpperInvariant();
        if (!PhoneFormat.IsRegion(code))
        {
            throw Common.Validation.Error("phoneRegion", Messages.T("Choose a country from the list."));
        }
        var workspace = await db.Workspaces.FirstAsync(w => w.Id == actor.WorkspaceId, cancellationToken);
        audit.Record(SettingsAreas.General, SettingsActions.Updated, null, "Lead settings",
            new Dictionary<string, object?> { ["phoneRegion"] = workspace.PhoneRegion }, new Dictionary<string, object?> { ["phoneRegion"] = code });
        workspace.SetPhoneRegion(code!);
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(Key(workspace.Id));
        return Choices.First(c => c.Code == code);
    }

    private static (Type, Guid) Key(Guid workspaceId) => (typeof(PhoneRegions), workspaceId);

    // .NET's region names where ICU knows the code; a few libphonenumber regions (Ascension Island's AC, say) have none.
    private static string NameOf(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
