using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>What the list's filters and bulk actions offer: the lead pipelines and their stages, the members, the sources.</summary>
public sealed record LeadListChoices(IReadOnlyList<PipelineInfo> Pipelines, IReadOnlyList<Member> Members, IReadOnlyList<string> Sources);
