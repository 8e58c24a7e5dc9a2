using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Components.Pages.Settings;

/// <summary>What Settings → General shows, read in one operation.</summary>
public sealed record GeneralSettings(IReadOnlyList<Member> Members, LeadVisibility Visibility, string PhoneRegion, int TrashRetentionDays,
    IReadOnlyList<ErasureView> Erasures)
{
    public static async Task<GeneralSettings> ReadAsync(IServiceProvider services)
    {
        // The erasure log is for admins only: read first, so anyone else is refused before anything is read.
        var erasures = await services.GetRequiredService<LeadErasureService>().ListAsync();
        var settings = services.GetRequiredService<LeadSettingsService>();
        return new GeneralSettings(
            await services.GetRequiredService<WorkspaceDirectory>().MembersAsync(),
            await settings.VisibilityAsync(),
            await services.GetRequiredService<PhoneRegions>().CurrentAsync(),
            await settings.TrashRetentionDaysAsync(),
            erasures);
    }
}
