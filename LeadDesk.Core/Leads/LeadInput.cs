using System.Text.Json;

namespace LeadDesk.Core.Leads;

/// <summary>
/// The fields a person (or an API client) edits. Server-owned fields — id, workspace, stage, status,
/// timestamps, authors — are not here, so no form or payload can set them.
/// </summary>
public record LeadInput
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
    public string? Description { get; init; }
    public LeadPriority Priority { get; init; } = LeadPriority.Medium;
    public decimal? EstimatedValue { get; init; }
    /// <summary>A score set by hand; null leaves the score to the scoring rules.</summary>
    public int? Score { get; init; }
    public Guid? OwnerId { get; init; }
    public bool ValueFromProducts { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }

    /// <summary>"Jane Smith" → ("Jane", "Smith"); one word is a first name (the APIs of seeds 000 and 001 send <c>name</c>).</summary>
    public static (string First, string Last) SplitName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, "") : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}

/// <summary>A new lead: its fields plus where it starts. Without a pipeline it goes to the default one; without a stage, to the first.</summary>
public sealed record NewLead : LeadInput
{
    public Guid? PipelineId { get; init; }
    public Guid? StageId { get; init; }
    public LeadChannel Channel { get; init; } = LeadChannel.Manual;
}
