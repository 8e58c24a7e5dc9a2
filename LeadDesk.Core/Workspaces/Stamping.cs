namespace LeadDesk.Core.Workspaces;

/// <summary>
/// A row that belongs to one workspace: filtered on read, and stamped with the current workspace when first saved (or
/// given its workspace by its constructor). It never moves to another workspace.
/// </summary>
public abstract class WorkspaceRow
{
    public Guid WorkspaceId { get; private set; }

    protected WorkspaceRow()
    {
    }

    protected WorkspaceRow(Guid workspaceId) => WorkspaceId = workspaceId;

    /// <summary>Called by the auditing interceptor when the row is added: a row made for another workspace is refused.</summary>
    internal void PlaceIn(Guid workspaceId)
    {
        if (WorkspaceId == Guid.Empty)
        {
            WorkspaceId = workspaceId;
        }
        else if (WorkspaceId != workspaceId)
        {
            throw new InvalidOperationException($"A {GetType().Name} of another workspace cannot be added from this one.");
        }
    }
}

/// <summary>A workspace row with its audit trail, which the auditing interceptor writes and services only read.</summary>
public abstract class WorkspaceEntity : WorkspaceRow
{
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid? CreatedById { get; private set; }
    public Guid? UpdatedById { get; private set; }

    /// <summary>
    /// For the demo seeder and generated data, which bring a creation time: kept by the first save. Rows the app creates
    /// are stamped with the time they are saved.
    /// </summary>
    public void Backdate(DateTime createdAt)
    {
        if (UpdatedAt != default)
        {
            throw new InvalidOperationException("Only a row not saved yet can be backdated.");
        }
        CreatedAt = createdAt;
    }

    internal void StampAdded(DateTime now, Guid? by)
    {
        if (CreatedAt == default)
        {
            CreatedAt = now;
        }
        CreatedById ??= by;
        StampModified(now, by);
    }

    internal void StampModified(DateTime now, Guid? by)
    {
        UpdatedAt = now;
        UpdatedById = by;
    }
}

/// <summary>A workspace entity that deleting moves to the trash (a query filter hides it), from which it can be restored.</summary>
public abstract class SoftDeletableEntity : WorkspaceEntity
{
    public bool IsDeleted { get; private set; }
    public DateTime? DeletedAt { get; private set; }
    public Guid? DeletedById { get; private set; }

    /// <summary>Called by the auditing interceptor on a delete, which it turns into this update.</summary>
    internal void MarkDeleted(DateTime now, Guid? by)
    {
        IsDeleted = true;
        DeletedAt = now;
        DeletedById = by;
    }

    public void Restore()
    {
        IsDeleted = false;
        DeletedAt = null;
        DeletedById = null;
    }
}
