using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>The workspace's general lead settings; admins change them.</summary>
public sealed class LeadSettingsService(LeadDeskDbContext db, LeadAccess access)
{
    public async Task<LeadVisibility> VisibilityAsync(CancellationToken cancellationToken = default) =>
        await db.LeadSettings.AsNoTracking().Select(s => (LeadVisibility?)s.Visibility).FirstOrDefaultAsync(cancellationToken) ?? LeadVisibility.All;

    public async Task SetVisibilityAsync(LeadVisibility visibility, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.SettingsAdmin, "Only admins can change lead settings.");
        if (!Enum.IsDefined(visibility))
        {
            throw Common.Validation.Error("visibility", "Choose all or own+team.");
        }
        var settings = await db.LeadSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.LeadSettings.Add(new LeadSettings { Visibility = visibility });
        }
        else
        {
            settings.Visibility = visibility;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
