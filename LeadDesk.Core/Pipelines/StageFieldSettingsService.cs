using FluentValidation;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Pipelines;

/// <summary>A field a stage asks for, as an admin sets it up. A new field without a key gets one made from its label.</summary>
public sealed record StageFieldInput
{
    public string? Label { get; init; }
    public string? Key { get; init; }
    public StageFieldType Type { get; init; }
    public bool IsRequired { get; init; }
    /// <summary>A select field's choices, in order.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}

public sealed class StageFieldInputValidator : AbstractValidator<StageFieldInput>
{
    public const int MaxOptions = 50;
    public const int OptionMaxLength = 100;

    public StageFieldInputValidator()
    {
        RuleFor(f => f.Label)
            .Must(label => !string.IsNullOrWhiteSpace(label)).WithMessage(_ => Messages.T("Enter the field's label."))
            .MaximumLength(StageField.LabelMaxLength).WithName(_ => Messages.T("Label"));
        RuleFor(f => f.Key)
            .MaximumLength(StageField.KeyMaxLength).WithName(_ => Messages.T("Key"))
            .Must(StageKeys.IsWellFormed).WithMessage(_ => Messages.T("A key starts with a letter and has only lower-case letters, digits and underscores, like qualified_lead."))
            .When(f => f.Key is not null);
        RuleFor(f => f.Type).IsInEnum().WithMessage(_ => Messages.T("Choose the field's type."));
        RuleFor(f => f.Options)
            .Must(options => options.Any(o => !string.IsNullOrWhiteSpace(o))).WithMessage(_ => Messages.T("A select field needs its choices, one per line."))
            .When(f => f.Type == StageFieldType.Select);
        RuleFor(f => f.Options)
            .Must(options => options.Count(o => !string.IsNullOrWhiteSpace(o)) <= MaxOptions)
            .WithMessage(_ => Messages.T("A select field has at most {0} choices.", MaxOptions))
            .Must(options => options.All(o => o.Trim().Length <= OptionMaxLength))
            .WithMessage(_ => Messages.T("A choice is at most {0} characters.", OptionMaxLength))
            .Must(options => options.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count()
                == options.Count(o => !string.IsNullOrWhiteSpace(o)))
            .WithMessage(_ => Messages.T("Each choice once."));
    }
}

/// <summary>
/// Admins' changes to the fields a stage asks for. Values leads already have are kept: a change of type or choices that
/// would leave one of them invalid is refused, naming how many; deleting a field writes each lead's value into its history.
/// </summary>
public sealed class StageFieldSettingsService(
    LeadDeskDbContext db, ICurrentActor actor, SettingsAudit audit, TimeProvider clock, PipelineDirectory directory, IValidator<StageFieldInput> validator)
{
    public async Task<IReadOnlyList<StageFieldInfo>> ListAsync(Guid stageId, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsView);
        await FindStageAsync(stageId, cancellationToken);
        return await directory.FieldsAsync(stageId, cancellationToken);
    }

    public async Task<Guid> CreateAsync(Guid stageId, StageFieldInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        var stage = await FindStageAsync(stageId, cancellationToken);
        var siblings = await db.StageFields.Where(f => f.StageId == stageId).Select(f => new { f.Key, f.Label, f.SortOrder }).ToListAsync(cancellationToken);
        var label = input.Label!.Trim();
        RefuseTakenLabel(label, siblings.Select(f => f.Label));
        var keys = siblings.Select(f => f.Key).ToList();
        var key = input.Key ?? StageKeys.From(label, keys);
        RefuseTakenKey(key, keys);
        var field = new StageField(stageId, key, label, input.Type, input.IsRequired)
        {
            Options = OptionsOf(input),
            SortOrder = siblings.Count == 0 ? 0 : siblings.Max(f => f.SortOrder) + 1,
        };
        db.StageFields.Add(field);
        audit.Record(SettingsAreas.StageField, SettingsActions.Created, field.Id, $"{stage.Name} · {label}", after: Fields(field));
        await db.SaveChangesAsync(cancellationToken);
        return field.Id;
    }

    public async Task UpdateAsync(Guid stageId, Guid fieldId, StageFieldInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await validator.ValidateAndThrowAsync(input, cancellationToken);
        var stage = await FindStageAsync(stageId, cancellationToken);
        var field = await db.StageFields.FirstOrDefaultAsync(f => f.Id == fieldId && f.StageId == stageId, cancellationToken)
            ?? throw new NotFoundException(Missing.StageField);
        var siblings = await db.StageFields.Where(f => f.StageId == stageId && f.Id != fieldId).Select(f => new { f.Key, f.Label }).ToListAsync(cancellationToken);
        var label = input.Label!.Trim();
        RefuseTakenLabel(label, siblings.Select(f => f.Label));
        var key = input.Key ?? field.Key;
        RefuseTakenKey(key, siblings.Select(f => f.Key));
        var options = OptionsOf(input);
        await RefuseLosingValuesAsync(field, input.Type, options, cancellationToken);
        var before = Fields(field);
        (field.Label, field.Key, field.Type, field.IsRequired, field.Options) = (label, key, input.Type, input.IsRequired, options);
        audit.Record(SettingsAreas.StageField, SettingsActions.Updated, fieldId, $"{stage.Name} · {label}", before, Fields(field));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Puts a stage's fields in this order (the order the board's dialog asks for them); every field once.</summary>
    public async Task ReorderAsync(Guid stageId, IReadOnlyList<Guid> fieldIds, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var stage = await FindStageAsync(stageId, cancellationToken);
        var fields = await db.StageFields.Where(f => f.StageId == stageId).ToDictionaryAsync(f => f.Id, cancellationToken);
        if (fieldIds.Count != fields.Count || fieldIds.Distinct().Count() != fields.Count || !fieldIds.All(fields.ContainsKey))
        {
            throw Validation.Error("fieldIds", Messages.T("List each of the stage's {0} fields once, in the new order.", fields.Count));
        }
        var before = fields.Values.OrderBy(f => f.SortOrder).ThenBy(f => f.Label).Select(f => f.Label).ToList();
        for (var i = 0; i < fieldIds.Count; i++)
        {
            fields[fieldIds[i]].SortOrder = i;
        }
        audit.Record(SettingsAreas.StageField, SettingsActions.Reordered, stageId, stage.Name,
            new Dictionary<string, object?> { ["fields"] = string.Join(", ", before) },
            new Dictionary<string, object?> { ["fields"] = string.Join(", ", fieldIds.Select(id => fields[id].Label)) });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a field; each lead's value goes into that lead's history (with the field's label), then the values go.</summary>
    public async Task<int> DeleteAsync(Guid stageId, Guid fieldId, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var stage = await FindStageAsync(stageId, cancellationToken);
        var field = await db.StageFields.FirstOrDefaultAsync(f => f.Id == fieldId && f.StageId == stageId, cancellationToken)
            ?? throw new NotFoundException(Missing.StageField);
        var values = await db.LeadStageValues.AsNoTracking().Where(v => v.StageFieldId == fieldId)
            .Select(v => new { v.LeadId, v.WorkspaceId, v.Value }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var value in values)
        {
            db.LeadHistory.Add(new LeadHistoryEntry(value.WorkspaceId, value.LeadId, LeadStageValue.HistoryField, $"{field.Label}: {value.Value}", null, now, actor.UserId));
        }
        // Earlier rows name the field by id; it will not be found any more.
        var id = LeadHistoryRecorder.Format(fieldId)!;
        await db.LeadHistory.Where(h => h.Field == LeadStageValue.HistoryField && (h.OldValue!.StartsWith(id) || h.NewValue!.StartsWith(id)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(h => h.OldValue, h => h.OldValue!.Replace(id, field.Label))
                .SetProperty(h => h.NewValue, h => h.NewValue!.Replace(id, field.Label)), cancellationToken);
        await db.LeadStageValues.Where(v => v.StageFieldId == fieldId).ExecuteDeleteAsync(cancellationToken);
        audit.Record(SettingsAreas.StageField, SettingsActions.Deleted, fieldId, $"{stage.Name} · {field.Label}", Fields(field),
            values.Count > 0 ? new Dictionary<string, object?> { ["valuesKeptInHistory"] = values.Count } : null);
        db.StageFields.Remove(field);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return values.Count;
    }

    /// <summary>A new type or set of choices must still read every value leads have; otherwise the change is refused.</summary>
    private async Task RefuseLosingValuesAsync(StageField field, StageFieldType type, string? options, CancellationToken cancellationToken)
    {
        if (type == field.Type && options == field.Options)
        {
            return;
        }
        var changed = new StageFieldInfo(field.Id, field.StageId, field.Key, field.Label, type, field.IsRequired,
            (options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var values = await db.LeadStageValues.AsNoTracking().Where(v => v.StageFieldId == field.Id).Select(v => v.Value).ToListAsync(cancellationToken);
        var unreadable = values.Count(v => StageFieldValues.Normalize(changed, v, out var error) is null || error is not null);
        if (unreadable > 0)
        {
            throw Validation.Error(type == field.Type ? "options" : "type", unreadable == 1
                ? Messages.T("1 lead has a value of {0} that the new setting would not accept. Change that value first.", field.Label)
                : Messages.T("{0:N0} leads have values of {1} that the new setting would not accept. Change those values first.", unreadable, field.Label));
        }
    }

    private void RequireAdmin() => actor.Require(Permissions.SettingsAdmin, Messages.T("Only admins can change lead settings."));

    private async Task<Stage> FindStageAsync(Guid stageId, CancellationToken cancellationToken) =>
        await db.Stages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stageId, cancellationToken) ?? throw new NotFoundException(Missing.Stage);

    private static string? OptionsOf(StageFieldInput input) => input.Type == StageFieldType.Select
        ? string.Join('\n', input.Options.Select(o => o.Trim()).Where(o => o.Length > 0))
        : null;

    private static void RefuseTakenLabel(string label, IEnumerable<string> taken)
    {
        if (taken.Any(t => string.Equals(t.Trim(), label, StringComparison.OrdinalIgnoreCase)))
        {
            throw Validation.Error("label", Messages.T("This stage already asks for {0}.", label));
        }
    }

    private static void RefuseTakenKey(string key, IEnumerable<string> taken)
    {
        if (taken.Contains(key))
        {
            throw Validation.Error("key", Messages.T("Another field of this stage has the key {0}.", key));
        }
    }

    private static Dictionary<string, object?> Fields(StageField field) => new()
    {
        ["label"] = field.Label, ["key"] = field.Key, ["type"] = field.Type.ToString(), ["isRequired"] = field.IsRequired, ["options"] = field.Options,
    };
}
