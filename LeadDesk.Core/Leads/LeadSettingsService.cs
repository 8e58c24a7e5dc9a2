using LeadDesk.Core.Audit;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>The workspace's general lead settings; admins change them.</summary>
public sealed class LeadSettingsService(LeadDeskDbContext db, LeadAccess access, SettingsAudit audit)
{
    public async Task<LeadVisibility> VisibilityAsync(CancellationToken cancellationToken = default) =>
        await db.LeadSettings.AsNoTracking().Select(s => (LeadVisibility?)s.Visibility).FirstOrDefaultAsync(cancellationToken) ?? LeadVisibility.All;

    public async Task<int> TrashRetentionDaysAsync(CancellationToken cancellationToken = default) =>
        await db.LeadSettings.AsNoTracking().Select(s => (int?)s.TrashRetentionDays).FirstOrDefaultAsync(cancellationToken) ?? LeadSettings.DefaultTrashRetentionDays;

    public async Task SetVisibilityAsync(LeadVisibility visibility, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsAdmin, Messages.T("Only admins can change lead settings."));
        if (!Enum.IsDefined(visibility))
        {
            throw Common.Validation.Error("visibility", Messages.T("Choose all or own+team."));
        }
        var settings = await CurrentAsync(cancellationToken);
        Record("visibility", settings.Visibility.ToString(), visibility.ToString());
        settings.Visibility = visibility;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetTrashRetentionDaysAsync(int days, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsAdmin, Messages.T("Only admins can change lead settings."));
        if (days is < LeadSettings.MinTrashRetentionDays or > LeadSettings.MaxTrashRetentionDays)
        {
            throw Common.Validation.Error("trashRetentionDays",
                Messages.T("Keep deleted leads for {0} to {1:N0} days.", LeadSettings.MinTrashRetentionDays, LeadSettings.MaxTrashRetentionDays));
        }
        var settings = await CurrentAsync(cancellationToken);
        Record("trashRetentionDays", settings.TrashRetentionDays, days);
        settings.TrashRetentionDays = days;
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Record(string setting, object? before, object? after) =>
        audit.Record(SettingsAreas.General, SettingsActions.Updated, null, "Lead settings",
            new Dictionary<string, object?> { [setting] = before }, new Dictionary<string, object?> { [setting] = after });

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
