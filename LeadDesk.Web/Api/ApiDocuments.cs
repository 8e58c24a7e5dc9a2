using System.Text.Json;

namespace LeadDesk.Web.Api;

// The shapes of request bodies, for the OpenAPI document only: bodies are read by LeadBody and friends,
// which accept the reference APIs' other spellings too (name, phone_number, agent_id, custom_fields…).

/// <summary>A lead as written. All fields are optional on PATCH; on create a name and an email or phone are required.</summary>
public sealed record LeadWriteDocument(
    string? FirstName, string? LastName, string? Name, string? Email, string? Phone, string? Company, string? Title, string? Source,
    string? Priority, decimal? EstimatedValue, int? Score, Guid? AssignedTo, string? Description,
    Dictionary<string, JsonElement>? CustomFields, Guid? PipelineId, Guid? StageId, string? Type, string? Status);

public sealed record DuplicateCheckDocument(string? Email, string? Phone, string? FirstName, string? LastName, string? Company);

public sealed record BulkIdsDocument(IReadOnlyList<Guid> Ids);

public sealed record BulkChangesDocument(Guid? AssignedTo, string? Priority, Guid? StageId, string? Source);

public sealed record BulkUpdateDocument(IReadOnlyList<Guid> Ids, BulkChangesDocument Changes);

public sealed record ChangeStageDocument(Guid StageId, Dictionary<string, JsonElement>? StageFieldValues);

public sealed record DisqualifyDocument(string Reason, string? Notes);

public sealed record StatusDocument(string Status);

public sealed record NoteDocument(string Body);

public sealed record ActivityDocument(string Type, string Title, string? Details, DateTime OccurredAt);

public sealed record ProductLineDocument(Guid ProductId, decimal Quantity, decimal? UnitPrice, decimal Discount);

public sealed record TeamMemberDocument(Guid UserId, string Role);

/// <summary>Seed 000's capture body, with seed 001's fields (type, phone_number, agent_id, custom_fields) also accepted.</summary>
public sealed record ExternalLeadDocument(string Name, string? Email, string? Phone, string? Source, string? Status, int? Score, string? Notes,
    string? Type, string? Phone_number, Guid? Agent_id, Dictionary<string, JsonElement>? Custom_fields);
