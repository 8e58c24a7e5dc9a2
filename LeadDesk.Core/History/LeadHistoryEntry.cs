using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.History;

/// <summary>
/// One field-level change to a lead or one of its parts: written by <see cref="LeadHistoryRecorder"/>
/// during SaveChanges (and by bulk updates, which bypass the change tracker), never by hand.
/// </summary>
public class LeadHistoryEntry : WorkspaceRow
{
    public const int FieldMaxLength = 100;
    public const int ValueMaxLength = 2_000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    /// <summary>The lead property ("StageId", "Email") or a part label ("Note", "Product · Quantity").</summary>
    public string Field { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }
    public DateTime ChangedAt { get; private set; }
    public Guid? ChangedById { get; private set; }

    public LeadHistoryEntry(Guid workspaceId, Guid leadId, string field, string? oldValue, string? newValue, DateTime changedAt, Guid? changedById)
        : base(workspaceId)
    {
        LeadId = leadId;
        Field = field;
        OldValue = Truncate(oldValue);
        NewValue = Truncate(newValue);
        ChangedAt = changedAt;
        ChangedById = changedById;
    }

    private static string? Truncate(string? value) => value is null || value.Length <= ValueMaxLength ? value : value[..(ValueMaxLength - 1)] + "…";
}
