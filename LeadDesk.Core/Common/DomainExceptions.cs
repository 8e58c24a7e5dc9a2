using LeadDesk.Core.Localization;

namespace LeadDesk.Core.Common;

/// <summary>What a <see cref="NotFoundException"/> did not find; each has its own sentence, so it reads well in every language.</summary>
public enum Missing
{
    Lead,
    Stage,
    Pipeline,
    Note,
    Document,
    DocumentFile,
    ProductLine,
    TeamMember,
    WebForm,
    Webhook,
    ApiToken,
    StageField,
}

/// <summary>The row does not exist, is in another workspace, or is not visible to the actor: all answer 404.</summary>
public sealed class NotFoundException(Missing what) : Exception(MessageOf(what))
{
    public Missing What { get; } = what;

    private static string MessageOf(Missing what) => what switch
    {
        Missing.Lead => Messages.T("Lead was not found."),
        Missing.Stage => Messages.T("Stage was not found."),
        Missing.Pipeline => Messages.T("Pipeline was not found."),
        Missing.StageField => Messages.T("Stage field was not found."),
        Missing.Note => Messages.T("Note was not found."),
        Missing.Document => Messages.T("Document was not found."),
        Missing.DocumentFile => Messages.T("Document file was not found."),
        Missing.ProductLine => Messages.T("Product line was not found."),
        Missing.TeamMember => Messages.T("Team member was not found."),
        Missing.WebForm => Messages.T("Web form was not found."),
        Missing.Webhook => Messages.T("Webhook was not found."),
        Missing.ApiToken => Messages.T("API token was not found."),
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
    };
}

/// <summary>The actor lacks a permission the operation needs (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>
/// A stale or simultaneous write: someone else changed (or removed) the row since it was read (409).
/// For a lead, <see cref="CurrentVersion"/>, <see cref="ChangedBy"/> and <see cref="ChangedAt"/> say what it is now
/// and who saved it last, so the caller can reload and show the fresh values.
/// </summary>
public sealed class ConflictException(string message, int? currentVersion = null, string? changedBy = null, DateTime? changedAt = null) : Exception(message)
{
    public int? CurrentVersion { get; } = currentVersion;
    public string? ChangedBy { get; } = changedBy;
    public DateTime? ChangedAt { get; } = changedAt;

    /// <summary>Two writers collided (a unique key taken twice, a write refused by the database's lock).</summary>
    public static ConflictException SameMoment() =>
        new(Messages.T("Someone else saved the same thing at the same moment; reload and try again."));
}

/// <summary>
/// The database did not take this write in time (the SQLite writer was busy for longer than <c>Database:WriteTimeoutSeconds</c>):
/// nothing was written, and the caller may retry (503 with Retry-After).
/// </summary>
public sealed class DatabaseBusyException(TimeSpan? waited = null)
    : Exception(waited is { } time
        ? Messages.T("The database was busy for {0:0} s; nothing was saved. Try again in a moment.", time.TotalSeconds)
        : Messages.T("The database was busy; nothing was saved. Try again in a moment."));
