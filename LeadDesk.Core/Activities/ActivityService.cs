using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Activities;

public sealed record ActivityView(Guid Id, ActivityType Type, string Title, string? Details, DateTime OccurredAt, string? ActorName);

/// <summary>A call, email or meeting logged by hand, with when it happened.</summary>
public sealed record LogActivity(ActivityType Type, string? Title, string? Details, DateTime? OccurredAt);

public sealed class ActivityService(LeadDeskDbContext db, LeadAccess access, TimeProvider clock)
{
    public static readonly IReadOnlyList<ActivityType> Loggable = [ActivityType.Call, ActivityType.Email, ActivityType.Meeting];

    /// <summary>The lead's timeline, newest first; <paramref name="limit"/> rows at most.</summary>
    public async Task<IReadOnlyList<ActivityView>> ListAsync(Guid leadId, int limit = 200, CancellationToken cancellationToken = default)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        return await (
                from a in db.LeadActivities.AsNoTracking()
                join u in db.Users on a.CreatedById equals u.Id into actors
                from u in actors.DefaultIfEmpty()
                where a.LeadId == leadId
                orderby a.OccurredAt descending, a.Id descending
                select new ActivityView(a.Id, a.Type, a.Title, a.Details, a.OccurredAt, u.DisplayName))
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
    }

    public async Task<Guid> LogAsync(Guid leadId, LogActivity input, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot log activities in this workspace."));
        var now = clock.GetUtcNow().UtcDateTime;
        Check(input, now);
        var lead = await access.FindAsync(leadId, cancellationToken: cancellationToken);
        var occurredAt = input.OccurredAt!.Value;
        var activity = new LeadActivity(leadId, input.Type, input.Title!.Trim(), string.IsNullOrWhiteSpace(input.Details) ? null : input.Details.Trim(), occurredAt);
        db.LeadActivities.Add(activity);
        // A call, email or meeting that has happened is contact with the lead (and its first response, for SLAs).
        if (occurredAt <= now)
        {
            if (lead.LastContactAt is null || lead.LastContactAt < occurredAt)
            {
                lead.LastContactAt = occurredAt;
            }
            lead.FirstResponseAt ??= occurredAt;
        }
        await db.SaveChangesAsync(cancellationToken);
        return activity.Id;
    }

    private static void Check(LogActivity input, DateTime now)
    {
        if (!Loggable.Contains(input.Type))
        {
            throw Validation.Error("type", Messages.T("Log a call, an email or a meeting."));
        }
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            throw Validation.Error("title", Messages.T("Say what it was about."));
        }
        if (input.Title.Trim().Length > LeadActivity.TitleMaxLength)
        {
            throw Validation.Error("title", Messages.T("Keep the subject to {0} characters.", LeadActivity.TitleMaxLength));
        }
        if (input.Details?.Length > LeadActivity.DetailsMaxLength)
        {
            throw Validation.Error("details", Messages.T("Details can be at most {0:N0} characters.", LeadActivity.DetailsMaxLength));
        }
        if (input.OccurredAt is not { } when)
        {
            throw Validation.Error("occurredAt", Messages.T("Enter when it happened."));
        }
        if (when < now.AddYears(-10) || when > now.AddYears(1))
        {
            throw Validation.Error("occurredAt", Messages.T("Enter a date within the last ten years or the coming year."));
        }
    }
}
