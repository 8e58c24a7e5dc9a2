using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Audit;

/// <summary>
/// One change to a workspace's settings: who made it (a person or an API token), when, to what, and the values before
/// and after as JSON objects of the fields that changed. Written by the settings services; never changed afterwards.
/// </summary>
public class SettingsChange : WorkspaceRow
{
    public const int AreaMaxLength = 32;
    public const int ActionMaxLength = 16;
    public const int SubjectMaxLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public DateTime ChangedAt { get; private set; }
    public Guid? ChangedById { get; private set; }
    public Guid? ChangedByTokenId { get; private set; }
    /// <summary>What kind of setting: <see cref="SettingsAreas"/>.</summary>
    public string Area { get; private set; }
    /// <summary>created, updated, deleted or reordered.</summary>
    public string Action { get; private set; }
    /// <summary>The changed row's id, when the change is to one row.</summary>
    public Guid? SubjectId { get; private set; }
    /// <summary>Its name when it was changed, so the log still reads after it is renamed or deleted.</summary>
    public string Subject { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }

    public SettingsChange(DateTime changedAt, Guid? changedById, Guid? changedByTokenId, string area, string action, Guid? subjectId, string subject, string? before, string? after)
    {
        ChangedAt = changedAt;
        ChangedById = changedById;
        ChangedByTokenId = changedByTokenId;
        Area = area;
        Action = action;
        SubjectId = subjectId;
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject;
        Before = before;
        After = after;
    }
}

/// <summary>The areas a settings change belongs to, as stored and as the audit page filters them.</summary>
public static class SettingsAreas
{
    /// <summary>The workspace's general lead settings: visibility, trash retention, phone country.</summary>
    public const string General = "general";
    public const string Pipeline = "pipeline";
    public const string Stage = "stage";
    public const string StageField = "stage_field";
}

/// <summary>The actions a settings change records.</summary>
public static class SettingsActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Reordered = "reordered";
}
