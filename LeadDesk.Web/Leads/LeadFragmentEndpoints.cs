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
        leads.MapGet("/duplicates", DuplicatesAsync);
    }

    // Reads the new-lead form's own field names, so htmx can send the inputs as they are.
    private static async Task<RazorComponentResult<DuplicateWarning>> DuplicatesAsync(HttpContext context, DuplicateFinder finder)
    {
        string? Field(string name) => context.Request.Query[$"Input.{name}"].FirstOrDefault() is { Length: <= 300 } value ? value : null;
        var candidates = await finder.FindAsync(new DuplicateQuery(Field("Email"), Field("Phone"), Field("FirstName"), Field("LastName"), Field("Company")), context.RequestAborted);
        return new RazorComponentResult<DuplicateWarning>(new { Candidates = candidates });
    }
}
