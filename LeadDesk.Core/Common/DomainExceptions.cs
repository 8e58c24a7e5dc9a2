namespace LeadDesk.Core.Common;

/// <summary>The row does not exist, is in another workspace, or is not visible to the actor: all answer 404.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The actor lacks a permission the operation needs (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>
/// A stale write: someone else changed the row since it was read (409). <see cref="CurrentVersion"/>
/// lets the caller reload and show the fresh values.
/// </summary>
public sealed class ConflictException(string message, int currentVersion) : Exception(message)
{
    public int CurrentVersion { get; } = currentVersion;
}
