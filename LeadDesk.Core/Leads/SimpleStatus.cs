using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>
/// The one-word status of seeds 000–003 (<c>new</c>, <c>contacted</c>, …, <c>converted</c>, <c>lost</c>):
/// an open lead's stage key, or its lifecycle once it is closed (DESIGN.md §3).
/// </summary>
public sealed class SimpleStatus(LeadDeskDbContext db, LeadAccess access, LeadStageService stages, LeadService leads, TimeProvider clock)
{
    public const string Converted = "converted";
    public const string Lost = "lost";
    /// <summary>Seed 004's lifecycle words, accepted as well so a lead read from the API can be written back as it is.</summary>
    public const string Open = "open";
    public const string Disqualified = "disqualified";

    public static string Of(LeadStatus status, string stageKey) => status switch
    {
        LeadStatus.Converted => Converted,
        LeadStatus.Disqualified => Lost,
        _ => stageKey,
    };

    /// <summary>
    /// Moves the lead to the stage with that key (reopening it if it was lost), marks it converted, or
    /// disqualifies it with reason <c>other</c>. An unknown status is refused with the valid ones listed.
    /// </summary>
    public async Task SetAsync(Guid leadId, string? status, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot edit leads in this workspace."));
        var lead = await access.FindAsync(leadId, cancellationToken: cancellationToken);
        var keys = await db.Stages.AsNoTracking().Where(s => s.PipelineId == lead.PipelineId).OrderBy(s => s.SortOrder)
            .Select(s => new { s.Id, s.Key }).ToListAsync(cancellationToken);
        var wanted = status?.Trim().ToLowerInvariant();
        var stage = keys.FirstOrDefault(s => s.Key == wanted);
        if (stage is null && wanted == Disqualified)
        {
            wanted = Lost; // seed 004's lifecycle word for the same outcome
        }
        if (stage is null && wanted is not (Converted or Lost or Open))
        {
            throw Validation.Error("status", Messages.T("Unknown status '{0}'. Use one of: {1} (or the lifecycle: {2}, {3}, {4}).",
                status, string.Join(", ", keys.Select(s => s.Key).Append(Converted).Append(Lost)), Open, Disqualified, Converted));
        }
        if (lead.Status == LeadStatus.Converted && wanted != Converted)
        {
            throw Validation.Error("status", Messages.T("This lead is converted; its status cannot change any more."));
        }
        switch (wanted)
        {
            case Open when stage is null:
                // Seed 004's lifecycle (what a lead read from the API says): open keeps the stage, and reopens a lost lead.
                if (lead.Status == LeadStatus.Disqualified)
                {
                    await leads.ReopenAsync(leadId, cancellationToken);
                }
                break;
            case Lost:
                if (lead.Status != LeadStatus.Disqualified)
                {
                    await leads.DisqualifyAsync(leadId, DisqualificationReasons.Other, null, cancellationToken);
                }
                break;
            case Converted:
                if (lead.Status != LeadStatus.Converted)
                {
                    lead.Convert(clock.GetUtcNow().UtcDateTime);
                    db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Converted, "Lead converted", null, clock.GetUtcNow().UtcDateTime));
                    await db.SaveChangesAsync(cancellationToken);
                }
                break;
            default:
                if (lead.Status == LeadStatus.Disqualified)
                {
                    await leads.ReopenAsync(leadId, cancellationToken);
                }
                await stages.ChangeStageAsync(leadId, stage!.Id, null, cancellationToken);
                break;
        }
    }
}
