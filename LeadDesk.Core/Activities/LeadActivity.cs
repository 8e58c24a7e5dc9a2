using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Activities;

/// <summary>The kinds of event on a lead's timeline. Call, Email and Meeting are also logged by hand.</summary>
public enum ActivityType
{
    Created = 0,
    StageChanged = 1,
    Note = 2,
    Call = 3,
    Email = 4,
    Meeting = 5,
    Disqualified = 6,
    Reopened = 7,
    Converted = 8,
    SlaBreached = 9,
    OwnerChanged = 10,
    Deleted = 11,
    Restored = 12,
    Document = 13,
    Product = 14,
    Team = 15,
    /// <summary>A known lead sent a web form again.</summary>
    FormSubmitted = 16,
}

/// <summary>One event on a lead's timeline, written by the service that did the thing.</summary>
public class LeadActivity : WorkspaceEntity
{
    public const int TitleMaxLength = 200;
    public const int DetailsMaxLength = 4_000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public ActivityType Type { get; private set; }
    public string Title { get; private set; }
    public string? Details { get; private set; }
    /// <summary>When it happened: now for recorded events, the date given for a logged call or meeting.</summary>
    public DateTime OccurredAt { get; private set; }

    public LeadActivity(Guid leadId, ActivityType type, string title, string? details, DateTime occurredAt)
    {
        LeadId = leadId;
        Type = type;
        Title = Truncate(title, TitleMaxLength)!;
        Details = Truncate(details, DetailsMaxLength);
        OccurredAt = occurredAt;
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
