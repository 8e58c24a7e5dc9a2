namespace LeadDesk.Core.Common;

/// <summary>The row does not exist, is in another workspace, or is not visible to the actor: all answer 404.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

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
}

/// <summary>
/// The database did not take this write in time (the SQLite writer was busy for longer than <c>Database:WriteTimeoutSeconds</c>):
/// nothing was written, and the caller may retry (503 with Retry-After).
/// </summary>
public sealed class DatabaseBusyException(TimeSpan? waited = null)
    : Exception(waited is { } time
        ? $"The database was busy for {time.TotalSeconds:0} s; nothing was saved. Try again in a moment."
        : "The database was busy; nothing was saved. Try again in a moment.");
