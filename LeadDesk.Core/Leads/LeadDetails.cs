using System.Text.Json;

namespace LeadDesk.Core.Leads;

/// <summary>A lead as its page and the API show it, with the names of its stage, pipeline and people.</summary>
public sealed record LeadDetails
{
    public required Guid Id { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
    public LeadChannel Channel { get; init; }
    public Guid PipelineId { get; init; }
    public required string PipelineName { get; init; }
    public Guid StageId { get; init; }
    public required string StageKey { get; init; }
    public required string StageName { get; init; }
    public required string StageColor { get; init; }
    public LeadStatus Status { get; init; }
    public LeadPriority Priority { get; init; }
    public decimal? EstimatedValue { get; init; }
    public bool ValueFromProducts { get; init; }
    public int Score { get; init; }
    public bool ScoreIsManual { get; init; }
    public bool IsQualified { get; init; }
    public Guid? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, JsonElement> CustomFields { get; init; } = Leads.CustomFields.Empty;
    public DateTime? LastContactAt { get; init; }
    public DateTime? SlaDeadlineAt { get; init; }
    public DateTime? FirstResponseAt { get; init; }
    public string? DisqualificationReason { get; init; }
    public string? DisqualificationNotes { get; init; }
    public DateTime? DisqualifiedAt { get; init; }
    public DateTime? ConvertedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public Guid? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public bool IsDeleted { get; init; }
    public DateTime? DeletedAt { get; init; }
    public int Version { get; init; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>The editable fields as they are now, to fill a form or to compare with a stale one.</summary>
    public LeadInput ToInput() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Email = Email,
        Phone = Phone,
        Company = Company,
        Title = Title,
        Source = Source,
        Description = Description,
        Priority = Priority,
        EstimatedValue = EstimatedValue,
        Score = Score,
        OwnerId = OwnerId,
        ValueFromProducts = ValueFromProducts,
        CustomFields = CustomFields,
    };
}
