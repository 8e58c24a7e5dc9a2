using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Pipelines;

public enum StageFieldType
{
    Text = 0,
    Number = 1,
    Date = 2,
    Select = 3,
    /// <summary>A checkbox: yes or no.</summary>
    Boolean = 4,
    /// <summary>Text over several lines.</summary>
    LongText = 5,
    /// <summary>An amount in the workspace's currency, kept to the cent.</summary>
    Money = 6,
    /// <summary>A member of the workspace, kept as their user id.</summary>
    User = 7,
}

/// <summary>
/// A field a stage asks for (seed 004 "stage fields"): a required one must have a value before a lead
/// may enter the stage. Values are kept per lead in <see cref="LeadStageValue"/>.
/// </summary>
public class StageField : WorkspaceEntity
{
    public const int KeyMaxLength = 64;
    public const int LabelMaxLength = 120;
    public const int OptionsMaxLength = 2_000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid StageId { get; private set; }
    /// <summary>The name API clients use in <c>stageFieldValues</c>, e.g. <c>close_date</c>.</summary>
    public string Key { get; set; }
    public string Label { get; set; }
    public StageFieldType Type { get; set; }
    public bool IsRequired { get; set; }
    /// <summary>Choices of a <see cref="StageFieldType.Select"/> field, one per line.</summary>
    public string? Options { get; set; }
    public int SortOrder { get; set; }

    public StageField(Guid stageId, string key, string label, StageFieldType type, bool isRequired)
    {
        StageId = stageId;
        Key = key;
        Label = label;
        Type = type;
        IsRequired = isRequired;
    }

    public IReadOnlyList<string> Choices =>
        (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A lead's value for one stage field, stored as invariant text ("50000", "2026-03-01", "true").</summary>
public class LeadStageValue : WorkspaceEntity, ILeadPart
{
    public const int ValueMaxLength = 1_000;
    /// <summary>The history field of a lead's stage-field values (their rows read "{field id}: {value}").</summary>
    public const string HistoryField = "Stage field";

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid LeadId { get; private set; }
    public Guid StageFieldId { get; private set; }
    public string Value { get; set; }

    public LeadStageValue(Guid leadId, Guid stageFieldId, string value)
    {
        LeadId = leadId;
        StageFieldId = stageFieldId;
        Value = value;
    }

    public string HistoryLabel => HistoryField;
    public string HistorySummary => $"{StageFieldId}: {Value}";
}
