using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>What the lead page shows above its tabs; persisted from the prerender to the circuit.</summary>
public sealed record LeadPageData(LeadDetails Lead, PipelineInfo? Pipeline);
