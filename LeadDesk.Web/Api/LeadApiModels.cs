using System.Text.Json;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Products;

namespace LeadDesk.Web.Api;

/// <summary>The native API's envelope (seeds 003 and 004): <c>{ "success": true, "data": … }</c>.</summary>
public sealed record ApiEnvelope<T>(bool Success, T Data);

public sealed record ApiListEnvelope<T>(bool Success, IReadOnlyList<T> Data, ApiPagination Pagination);

/// <param name="Offset">The offset of the first row; null when the slice was read after a cursor.</param>
/// <param name="Page">1-based, when the slice is a whole page of <paramref name="Limit"/>.</param>
public sealed record ApiPagination(int Total, int Limit, int? Offset, int? Page, bool HasMore, string? NextCursor);

/// <summary>What <c>POST /leads/{id}/erase</c> answers: the erasure's record and the other leads with the same email or phone.</summary>
public sealed record ErasureResource(Guid ErasureId, Guid LeadId, DateTime ErasedAt, int MentionsErased, IReadOnlyList<Guid> SameContactLeadIds);

/// <summary>A lead in a list; <c>simpleStatus</c> is seeds 000–003's status (the stage key, converted or lost), as on a whole lead.</summary>
public sealed record LeadSummary(
    Guid Id, string FirstName, string LastName, string Name, string? Email, string? Phone, string? Company,
    Guid StageId, string StageName, LeadStatus Status, string SimpleStatus, LeadPriority Priority, int Score, decimal? EstimatedValue,
    string? Source, Guid? AssignedTo, string? AssignedToName, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static LeadSummary From(LeadRow row) => new(
        row.Id, row.FirstName, row.LastName, row.FullName, row.Email, row.Phone, row.Company, row.StageId, row.StageName, row.Status,
        Core.Leads.SimpleStatus.Of(row.Status, row.StageKey), row.Priority, row.Score, row.EstimatedValue, row.Source, row.OwnerId, row.OwnerName,
        row.CreatedAt, row.UpdatedAt);
}

/// <summary>A product line in seed 004's shape (<c>discount</c>, in percent); <c>discountPercent</c> says the same for the UI's readers.</summary>
public sealed record LeadProductLine(Guid Id, Guid ProductId, string ProductName, decimal Quantity, decimal UnitPrice, decimal Discount,
    decimal DiscountPercent, decimal Total)
{
    public static LeadProductLine From(LeadProductView line) => new(
        line.Id, line.ProductId, line.ProductName, line.Quantity, line.UnitPrice, line.DiscountPercent, line.DiscountPercent, line.Total);
}

/// <summary>One recent event, in seed 003's <c>activity</c> shape.</summary>
public sealed record LeadActivityItem(Guid Id, ActivityType Type, string Title, string? Details, DateTime Timestamp, string? By)
{
    public static LeadActivityItem From(ActivityView view) => new(view.Id, view.Type, view.Title, view.Details, view.OccurredAt, view.ActorName);
}

/// <summary>
/// A whole lead (seed 004's fields, with <c>simpleStatus</c> for seeds 000–002 and <c>attributes</c> for
/// seed 003). <c>version</c> is also the <c>ETag</c>; send it back in <c>If-Match</c> to refuse stale writes.
/// </summary>
public sealed record LeadResource(
    Guid Id, string FirstName, string LastName, string Name, string? Email, string? Phone, string? Company, string? Title,
    string? Source, LeadChannel Channel, Guid PipelineId, string PipelineName, Guid StageId, string StageKey, string StageName,
    LeadStatus Status, string SimpleStatus, LeadPriority Priority, decimal? EstimatedValue, bool ValueFromProducts,
    int Score, bool ScoreIsManual, bool IsQualified, Guid? AssignedTo, string? AssignedToName, string? Description,
    IReadOnlyDictionary<string, JsonElement> CustomFields, IReadOnlyDictionary<string, JsonElement> Attributes,
    DateTime? LastContact, DateTime? SlaDeadline, DateTime? FirstResponseAt, string? DisqualificationReason,
    string? DisqualificationNotes, DateTime? DisqualifiedAt, DateTime? ConvertedAt, Guid? CreatedBy, DateTime CreatedAt,
    DateTime UpdatedAt, bool IsDeleted, int Version, IReadOnlyList<LeadActivityItem>? Activity)
{
    public static LeadResource From(LeadDetails lead, IReadOnlyList<ActivityView>? activity = null) => new(
        lead.Id, lead.FirstName, lead.LastName, lead.FullName, lead.Email, lead.Phone, lead.Company, lead.Title, lead.Source, lead.Channel,
        lead.PipelineId, lead.PipelineName, lead.StageId, lead.StageKey, lead.StageName, lead.Status, Core.Leads.SimpleStatus.Of(lead.Status, lead.StageKey),
        lead.Priority, lead.EstimatedValue, lead.ValueFromProducts, lead.Score, lead.ScoreIsManual, lead.IsQualified, lead.OwnerId,
        lead.OwnerName, lead.Description, lead.CustomFields, lead.CustomFields, lead.LastContactAt, lead.SlaDeadlineAt, lead.FirstResponseAt,
        lead.DisqualificationReason, lead.DisqualificationNotes, lead.DisqualifiedAt, lead.ConvertedAt, lead.CreatedById, lead.CreatedAt,
        lead.UpdatedAt, lead.IsDeleted, lead.Version, activity?.Select(LeadActivityItem.From).ToList());

    public static string ETagOf(int version) => $"\"v{version}\"";
}
