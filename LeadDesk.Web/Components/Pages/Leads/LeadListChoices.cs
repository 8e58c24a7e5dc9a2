using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>What the list's filters, bulk actions and the lead forms offer: the lead pipelines and their stages, the members, the sources.</summary>
public sealed record LeadListChoices(IReadOnlyList<PipelineInfo> Pipelines, IReadOnlyList<Member> Members, IReadOnlyList<string> Sources)
{
    /// <summary>Reads them in one operation's scope (<see cref="Circuits.UiOperations"/>).</summary>
    public static async Task<LeadListChoices> ReadAsync(IServiceProvider services) => new(
        await services.GetRequiredService<PipelineDirectory>().LeadPipelinesAsync(),
        await services.GetRequiredService<WorkspaceDirectory>().MembersAsync(),
        await services.GetRequiredService<LeadListService>().SourcesAsync());
}
