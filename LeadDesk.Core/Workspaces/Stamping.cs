namespace LeadDesk.Core.Workspaces;

/// <summary>A row that belongs to one workspace: filtered on read and stamped on save.</summary>
public interface IWorkspaceOwned
{
    Guid WorkspaceId { get; set; }
}

/// <summary>Timestamps and actors, written by <c>AuditingInterceptor</c>, never by services.</summary>
public interface IAuditable
{
    DateTime CreatedAt { get; set; }
    DateTime UpdatedAt { get; set; }
    Guid? CreatedById { get; set; }
    Guid? UpdatedById { get; set; }
}

/// <summary>Deleting marks the row; a query filter hides it.</summary>
public interface ISoftDeletable
{
    bool IsDeleted { get; set; }
    DateTime? DeletedAt { get; set; }
    Guid? DeletedById { get; set; }
}
