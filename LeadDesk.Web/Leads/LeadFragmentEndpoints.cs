using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadDesk.Web.Leads;

/// <summary>
/// HTML fragments htmx swaps into the lead pages. Each renders the same component the full page uses,
/// so there is one piece of markup per thing.
/// </summary>
internal static class LeadFragmentEndpoints
{
    public static void MapLeadFragments(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/leads").RequireAuthorization(Permissions.LeadsView);
        leads.MapGet("/{id:guid}/tabs/{tab}", TabAsync);
    }

    private static async Task<RazorComponentResult<LeadTab>> TabAsync(Guid id, string tab, LeadService leads, CancellationToken cancellationToken)
    {
        var lead = await leads.GetAsync(id, includeDeleted: true, cancellationToken);
        return new RazorComponentResult<LeadTab>(new { Lead = lead, Tab = LeadTabs.Normalize(tab) });
    }
}
