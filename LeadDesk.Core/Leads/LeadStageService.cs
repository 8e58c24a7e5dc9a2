using FluentValidation;
using FluentValidation.Results;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

public sealed record StageChangeResult(bool Moved, string FromStage, string ToStage, Guid? OwnerId);

/// <summary>
/// Moves a lead to another stage of its pipeline (seed 004 <c>change-stage</c>): the stage's required
/// fields must have values, its ownership rule is applied, and the move is recorded on the timeline.
/// </summary>
public sealed class LeadStageService(
    LeadDeskDbContext db,
    LeadAccess access,
    PipelineDirectory pipelines,
    StageOwnership ownership,
    TimeProvider clock)
{
    /// <summary>The form and API key of a stage field value: <c>stageFieldValues.close_date</c>.</summary>
    public static string ValueKey(string fieldKey) => $"stageFieldValues.{fieldKey}";

    public async Task<StageChangeResult> ChangeStageAsync(
        Guid leadId, Guid stageId, IReadOnlyDictionary<string, string?>? values = null, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot edit leads in this workspace."));
        var lead = await access.FindAsync(leadId, cancellationToken: cancellationToken);
        var target = await db.Stages.FirstOrDefaultAsync(s => s.Id == stageId, cancellationToken);
        if (target is null || target.PipelineId != lead.PipelineId)
        {
            throw Validation.Error("stageId", Messages.T("That stage is not in this lead's pipeline."));
        }
        if (lead.Status != LeadStatus.Open)
        {
            throw Validation.Error("stageId", lead.Status == LeadStatus.Converted
                ? Messages.T("This lead is converted; it no longer moves through the lead pipeline.")
                : Messages.T("This lead is disqualified. Reopen it before moving it."));
        }

        await SaveFieldValuesAsync(lead.Id, target, values ?? new Dictionary<string, string?>(), cancellationToken);
        var from = (await pipelines.StageAsync(lead.StageId, cancellationToken))?.Name ?? "";
        if (target.Id == lead.StageId)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new StageChangeResult(false, from, target.Name, lead.OwnerId);
        }

        lead.MoveTo(target);
        var owner = await ownership.OwnerOnEntryAsync(target, lead.OwnerId, cancellationToken);
        if (owner != lead.OwnerId)
        {
            lead.OwnerId = owner;
            db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.OwnerChanged, $"Owner set by the {target.Name} stage", null, clock.GetUtcNow().UtcDateTime));
        }
        db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.StageChanged, $"Moved from {from} to {target.Name}", null, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return new StageChangeResult(true, from, target.Name, lead.OwnerId);
    }

    /// <summary>The fields <paramref name="stageId"/> asks for, with the lead's current values.</summary>
    public Task<IReadOnlyList<(StageFieldInfo Field, string? Value)>> FieldValuesAsync(Guid leadId, Guid stageId, CancellationToken cancellationToken = default) =>
        ValuesOfAsync(leadId, [stageId], cancellationToken);

    /// <summary>Every stage field of the lead's pipeline, in stage order, with the lead's values.</summary>
    public async Task<IReadOnlyList<(StageFieldInfo Field, string? Value)>> PipelineFieldValuesAsync(Guid leadId, Guid pipelineId, CancellationToken cancellationToken = default)
    {
        var pipeline = (await pipelines.LeadPipelinesAsync(cancellationToken)).FirstOrDefault(p => p.Id == pipelineId);
        return pipeline is null ? [] : await ValuesOfAsync(leadId, [.. pipeline.Stages.Select(s => s.Id)], cancellationToken);
    }

    private async Task<IReadOnlyList<(StageFieldInfo Field, string? Value)>> ValuesOfAsync(Guid leadId, IReadOnlyList<Guid> stageIds, CancellationToken cancellationToken)
    {
        await access.EnsureVisibleAsync(leadId, includeDeleted: true, cancellationToken);
        var fields = (await pipelines.FieldsOfAsync([.. stageIds], cancellationToken))
            .OrderBy(f => stageIds.ToList().IndexOf(f.StageId))
            .ToList();
        var ids = fields.Select(f => f.Id).ToList();
        var stored = await db.LeadStageValues.AsNoTracking()
            .Where(v => v.LeadId == leadId && ids.Contains(v.StageFieldId))
            .ToDictionaryAsync(v => v.StageFieldId, v => v.Value, cancellationToken);
        return fields.Select(f => (f, stored.GetValueOrDefault(f.Id))).ToList();
    }

    private async Task SaveFieldValuesAsync(Guid leadId, Stage target, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var fields = await pipelines.FieldsAsync(target.Id, cancellationToken);
        if (fields.Count == 0)
        {
            return;
        }
        var ids = fields.Select(f => f.Id).ToList();
        var stored = await db.LeadStageValues
            .Where(v => v.LeadId == leadId && ids.Contains(v.StageFieldId))
            .ToDictionaryAsync(v => v.StageFieldId, cancellationToken);

        var failures = new List<ValidationFailure>();
        var accepted = new List<(StageFieldInfo Field, string Value)>();
        foreach (var field in fields)
        {
            var given = values.TryGetValue(field.Key, out var raw);
            string? error = null;
            var value = given ? StageFieldValues.Normalize(field, raw, out error) : null;
            if (field.Type == StageFieldType.User && value is not null && !await access.IsMemberAsync(Guid.Parse(value), cancellationToken))
            {
                error = Messages.T("{0} must be a member of the workspace.", field.Label);
            }
            if (given && error is not null)
            {
                failures.Add(new ValidationFailure(ValueKey(field.Key), error));
            }
            else if (value is not null)
            {
                accepted.Add((field, value));
            }
            else if (field.IsRequired && (given || !stored.ContainsKey(field.Id)))
            {
                failures.Add(new ValidationFailure(ValueKey(field.Key), Messages.T("{0} needs {1}.", target.Name, field.Label)));
            }
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        foreach (var (field, value) in accepted)
        {
            if (stored.TryGetValue(field.Id, out var current))
            {
                current.Value = value;
            }
            else
            {
                db.LeadStageValues.Add(new LeadStageValue(leadId, field.Id, value));
            }
        }
    }
}
