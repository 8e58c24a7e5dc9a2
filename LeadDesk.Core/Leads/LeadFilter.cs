namespace LeadDesk.Core.Leads;

public enum LeadSort
{
    Created,
    Updated,
    Name,
    Company,
    Value,
    Score,
}

/// <summary>
/// Which leads to show: shared by the list, the board and the API, and bound from the query string so
/// every view is a link. Owner is <c>me</c>, <c>none</c> or a user id.
/// </summary>
public record LeadFilter
{
    public const string OwnerMe = "me";
    public const string OwnerNone = "none";

    public string? Search { get; init; }
    public Guid? PipelineId { get; init; }
    public Guid? StageId { get; init; }
    public string? Owner { get; init; }
    public LeadPriority? Priority { get; init; }
    public string? Source { get; init; }
    public LeadStatus? Status { get; init; }
    public int? ScoreMin { get; init; }
    public int? ScoreMax { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    /// <summary>Open leads whose stage has this key: the simple status of seeds 000–003.</summary>
    public string? StageKey { get; init; }
    /// <summary>Leads linked to this account (seed 002 <c>company_id</c>).</summary>
    public Guid? AccountId { get; init; }

    public bool IsEmpty => this is
    {
        Search: null or "", PipelineId: null, StageId: null, Owner: null or "", Priority: null, Source: null or "",
        Status: null, ScoreMin: null, ScoreMax: null, CreatedFrom: null, CreatedTo: null, StageKey: null, AccountId: null,
    };
}

/// <summary>A page of the lead list: a filter plus order, paging and the trash switch.</summary>
public sealed record LeadListQuery : LeadFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public LeadSort Sort { get; init; } = LeadSort.Created;
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    /// <summary>Deleted leads only, most recently deleted first.</summary>
    public bool Trash { get; init; }
}
