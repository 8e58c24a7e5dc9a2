using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>The workspace's general lead settings; admins change them.</summary>
public sealed class LeadSettingsService(LeadDeskDbContext db, LeadAccess access)
{
    public async Task<LeadVisibility> VisibilityAsync(CancellationToken cancellationToken = default) =>
        await db.LeadSettings.AsNoTracking().Select(s => (LeadVisibility?)s.Visibility).FirstOrDefaultAsync(cancellationToken) ?? LeadVisibility.All;

    public async Task<int> TrashRetentionDaysAsync(CancellationToken cancellationToken = default) =>
        await db.LeadSettings.AsNoTracking().Select(s => (int?)s.TrashRetentionDays).FirstOrDefaultAsync(cancellationToken) ?? LeadSettings.DefaultTrashRetentionDays;

    public async Task SetVisibilityAsync(LeadVisibility visibility, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsAdmin, "Only admins can change lead settings.");
        if (!Enum.IsDefined(visibility))
        {
            throw Common.Validation.Error("visibility", "Choose all or own+team.");
        }
        (await CurrentAsync(cancellationToken)).Visibility = visibility;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetTrashRetentionDaysAsync(int days, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsAdmin, "Only admins can change lead settings.");
        if (days is < LeadSettings.MinTrashRetentionDays or > LeadSettings.MaxTrashRetentionDays)
        {
            throw Common.Validation.Error("trashRetentionDays",
                $"Keep deleted leads for {LeadSettings.MinTrashRetentionDays} to {LeadSettings.MaxTrashRetentionDays:N0} days.");
        }
        (await CurrentAsync(cancellationToken)).TrashRetentionDays = days;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The workspace's settings row, tracked; added (with the defaults) when it has none yet.</summary>
    private async Task<LeadSettings> CurrentAsync(CancellationToken cancellationToken)
    {
        if (await db.LeadSettings.FirstOrDefaultAsync(cancellationToken) is { } settings)
        {
            return settings;
        }
        settings = new LeadSettings();
        db.LeadSettings.Add(settings);
        return settings;
    }
}
