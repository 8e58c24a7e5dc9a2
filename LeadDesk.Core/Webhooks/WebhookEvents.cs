using System.Text.Json;
using LeadDesk.Core.Leads;

namespace LeadDesk.Core.Webhooks;

/// <summary>The events a webhook can subscribe to, and the JSON each delivery carries.</summary>
public static class WebhookEvents
{
    public const string LeadCreated = "lead.created";
    public const string LeadUpdated = "lead.updated";
    public const string LeadStageChanged = "lead.stage_changed";
    public const string LeadConverted = "lead.converted";
    public const string LeadDeleted = "lead.deleted";
    /// <summary>Sent by "Send a test" on the settings page; every subscription receives it.</summary>
    public const string Ping = "ping";

    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (LeadCreated, "a lead is created (pages, API, web forms, imports)"),
        (LeadUpdated, "a lead's fields change"),
        (LeadStageChanged, "a lead moves to another stage (with the old and new stage)"),
        (LeadConverted, "a lead is converted"),
        (LeadDeleted, "a lead is moved to the trash"),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>{ "id", "event", "occurredAt", "data": { "lead": …, "previousStageId"?, "newStageId"? } }</c>, the lead as saved
    /// (stamped: its times, <c>isDeleted</c> and <c>version</c>, which grows with every save, so a receiver can tell
    /// a late retry from the latest state).
    /// </summary>
    public static string Payload(Guid deliveryId, string @event, DateTime occurredAt, Lead lead, Guid? previousStageId = null) =>
        JsonSerializer.Serialize(new
        {
            id = deliveryId,
            @event,
            occurredAt,
            data = new
            {
                lead = new
                {
                    id = lead.Id,
                    firstName = lead.FirstName,
                    lastName = lead.LastName,
                    name = lead.FullName,
                    email = lead.Email,
                    phone = lead.Phone,
                    company = lead.Company,
                    source = lead.Source,
                    pipelineId = lead.PipelineId,
                    stageId = lead.StageId,
                    status = lead.Status.ToString().ToLowerInvariant(),
                    priority = lead.Priority.ToString().ToLowerInvariant(),
                    estimatedValue = lead.EstimatedValue,
                    score = lead.Score,
                    assignedTo = lead.OwnerId,
                    createdAt = lead.CreatedAt,
                    updatedAt = lead.UpdatedAt,
                    isDeleted = lead.IsDeleted,
                    version = lead.Version,
                },
                previousStageId,
                newStageId = previousStageId is null ? (Guid?)null : lead.StageId,
            },
        }, Json);

    public static string PingPayload(Guid deliveryId, DateTime occurredAt) =>
        JsonSerializer.Serialize(new { id = deliveryId, @event = Ping, occurredAt, data = new { message = "LeadDesk can reach this URL." } }, Json);
}
