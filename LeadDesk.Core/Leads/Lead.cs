using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Leads;

/// <summary>
/// A prospective customer working through a pipeline. The row holds the whole field set of
/// DESIGN.md §3 so the UI and the API are built on its real shape from the start.
/// </summary>
public class Lead : IWorkspaceOwned, IAuditable, ISoftDeletable
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    /// <summary>Stored normalised (trimmed, lower case).</summary>
    public string? Email { get; set; }
    /// <summary>Stored normalised: <c>+</c> and digits only.</summary>
    public string? Phone { get; set; }
    public string? Company { get; set; }
    /// <summary>Optional link to an account (seed 002 <c>company_id</c>); accounts arrive with conversion.</summary>
    public Guid? AccountId { get; set; }
    public string? Title { get; set; }
    public string? Source { get; set; }
    public LeadChannel Channel { get; set; }

    public Guid PipelineId { get; set; }
    public Guid StageId { get; set; }
    public LeadStatus Status { get; set; }
    public LeadPriority Priority { get; set; } = LeadPriority.Medium;
    public decimal? EstimatedValue { get; set; }
    public int Score { get; set; }
    public bool ScoreIsManual { get; set; }
    public bool IsQualified { get; set; }
    public Guid? OwnerId { get; set; }
    public string? Description { get; set; }
    /// <summary>A JSON object of scalar values (seed 001 <c>custom_fields</c>, 003 <c>attributes</c>, 004 <c>customFields</c>).</summary>
    public string CustomFieldsJson { get; set; } = "{}";

    public DateTime? LastContactAt { get; set; }
    public DateTime? SlaDeadlineAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }

    public DateTime? ConvertedAt { get; set; }
    public Guid? ConvertedContactId { get; set; }
    public Guid? ConvertedAccountId { get; set; }
    public Guid? ConvertedOpportunityId { get; set; }
    public string? DisqualificationReason { get; set; }
    public string? DisqualificationNotes { get; set; }
    public DateTime? DisqualifiedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public Guid? UpdatedById { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAt { get; set; }
    public Guid? DeletedById { get; set; }
    /// <summary>Optimistic concurrency token, bumped on every save by the auditing interceptor.</summary>
    public int Version { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();
}
