using FluentValidation;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Pipelines;

/// <summary>A pipeline as the settings page and the API list it, with its stages and how many leads each holds.</summary>
public sealed record PipelineSetup(Guid Id, string Name, PipelineModule Module, bool IsDefault, IReadOnlyList<StageSetup> Stages);

/// <param name="Leads">Leads in the stage, the trash included: they need a new stage if it is deleted.</param>
public sealed record StageSetup(Guid Id, Guid PipelineId, string Key, string Name, string Color, int Probability, int SortOrder, int? RottingDays, int Leads,
    StageOwnershipRule Ownership);

/// <summary>
/// Admins' changes to pipelines and stages. Nothing a lead (or a web form) still uses is deleted until the admin has said
/// where it goes: its leads move in the same transaction, with a history row each. Every change is in the settings log.
/// </summary>
public sealed class PipelineSettingsService(
    LeadDeskDbContext db, ICurrentActor actor, SettingsAudit audit, TimeProvider clock,
    IValidator<PipelineInput> pipelineValidator, IValidator<StageInput> stageValidator)
{
    public async Task<IReadOnlyList<PipelineSetup>> ListAsync(PipelineModule module, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsView);
        var pipelines = await db.Pipelines.AsNoTracking().Include(p => p.Stages)
            .Where(p => p.Module == module)
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.SortOrder).ThenBy(p => p.Name)
            .ToListAsync(cancellationToken);
        var stageIds = pipelines.SelectMany(p => p.Stages).Select(s => s.Id).ToList();
        var counts = await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
            .Where(l => stageIds.Contains(l.StageId))
            .GroupBy(l => l.StageId).Select(g => new { StageId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.StageId, g => g.Count, cancellationToken);
        return pipelines.Select(p => new PipelineSetup(p.Id, p.Name, p.Module, p.IsDefault, p.Stages.OrderBy(s => s.SortOrder)
                .Select(s => new StageSetup(s.Id, s.PipelineId, s.Key, s.Name, s.Color, s.Probability, s.SortOrder, s.RottingDays, counts.GetValueOrDefault(s.Id),
                    new StageOwnershipRule(s.OwnershipMode, s.OwnershipUserId, s.OwnershipRole)))
                .ToList()))
            .ToList();
    }

    public async Task<PipelineSetup> PipelineAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var module = await db.Pipelines.Where(p => p.Id == id).Select(p => (PipelineModule?)p.Module).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(Missing.Pipeline);
        return (await ListAsync(module, cancellationToken)).First(p => p.Id == id);
    }

    public async Task<StageSetup> StageAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var pipelineId = await db.Stages.Where(s => s.Id == id).Select(s => (Guid?)s.PipelineId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(Missing.Stage);
        return (await PipelineAsync(pipelineId, cancellationToken)).Stages.First(s => s.Id == id);
    }

    /// <summary>A new pipeline, with a first stage so leads can go in at once; the module's first pipeline is its default.</summary>
    public async Task<Guid> CreatePipelineAsync(PipelineInput input, PipelineModule module = PipelineModule.Leads, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await pipelineValidator.ValidateAndThrowAsync(input, cancellationToken);
        if (!Enum.IsDefined(module))
        {
            throw Validation.Error("module", Messages.T("module must be leads or opportunities."));
        }
        var name = input.Name!.Trim();
        var siblings = await db.Pipelines.Where(p => p.Module == module).Select(p => new { p.Name, p.SortOrder }).ToListAsync(cancellationToken);
        RefuseTakenName(name, siblings.Select(p => p.Name));
        var pipeline = new Pipeline(name, module) { IsDefault = siblings.Count == 0, SortOrder = siblings.Count == 0 ? 0 : siblings.Max(p => p.SortOrder) + 1 };
        var first = pipeline.AddStage("new", Messages.T("New"), StageColors.Palette[0], 10);
        db.Pipelines.Add(pipeline);
        audit.Record(SettingsAreas.Pipeline, SettingsActions.Created, pipeline.Id, name, after: Fields(pipeline));
        audit.Record(SettingsAreas.Stage, SettingsActions.Created, first.Id, first.Name, after: Fields(first));
        await db.SaveChangesAsync(cancellationToken);
        return pipeline.Id;
    }

    public async Task RenamePipelineAsync(Guid id, PipelineInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await pipelineValidator.ValidateAndThrowAsync(input, cancellationToken);
        var pipeline = await FindPipelineAsync(id, cancellationToken);
        var name = input.Name!.Trim();
        RefuseTakenName(name, await db.Pipelines.Where(p => p.Module == pipeline.Module && p.Id != id).Select(p => p.Name).ToListAsync(cancellationToken));
        var before = Fields(pipeline);
        pipeline.Name = name;
        audit.Record(SettingsAreas.Pipeline, SettingsActions.Updated, id, name, before, Fields(pipeline));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Makes the pipeline its module's default: where new leads go when no pipeline is named.</summary>
    public async Task SetDefaultPipelineAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var pipeline = await FindPipelineAsync(id, cancellationToken);
        if (pipeline.IsDefault)
        {
            return;
        }
        foreach (var other in await db.Pipelines.Where(p => p.Module == pipeline.Module && p.IsDefault).ToListAsync(cancellationToken))
        {
            other.IsDefault = false;
            audit.Record(SettingsAreas.Pipeline, SettingsActions.Updated, other.Id, other.Name, new Dictionary<string, object?> { ["isDefault"] = true },
                new Dictionary<string, object?> { ["isDefault"] = false });
        }
        pipeline.IsDefault = true;
        audit.Record(SettingsAreas.Pipeline, SettingsActions.Updated, id, pipeline.Name, new Dictionary<string, object?> { ["isDefault"] = false },
            new Dictionary<string, object?> { ["isDefault"] = true });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes a pipeline that is not its module's default. Its leads (and web forms) move to
    /// <paramref name="moveToStageId"/>, a stage of another pipeline, which is required when there are any.
    /// </summary>
    public async Task<int> DeletePipelineAsync(Guid id, Guid? moveToStageId, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var pipeline = await db.Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException(Missing.Pipeline);
        if (pipeline.IsDefault)
        {
            throw Validation.Error("id", Messages.T("{0} is the default pipeline. Make another pipeline the default first.", pipeline.Name));
        }
        var (moved, target) = await RelocateAsync([.. pipeline.Stages], moveToStageId, pipeline, cancellationToken);
        await NameInHistoryAsync(nameof(Lead.PipelineId), id, pipeline.Name, cancellationToken);
        audit.Record(SettingsAreas.Pipeline, SettingsActions.Deleted, id, pipeline.Name, Fields(pipeline), Destination(moved, target));
        db.Pipelines.Remove(pipeline);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    /// <summary>A new stage at the end of the pipeline; without a key, one is made from its name.</summary>
    public async Task<Guid> CreateStageAsync(Guid pipelineId, StageInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await stageValidator.ValidateAndThrowAsync(input, cancellationToken);
        var pipeline = await db.Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == pipelineId, cancellationToken)
            ?? throw Validation.Error("pipelineId", Messages.T("That pipeline does not exist in this workspace."));
        var name = input.Name!.Trim();
        RefuseTakenName(name, pipeline.Stages.Select(s => s.Name), stage: true);
        var keys = pipeline.Stages.Select(s => s.Key).ToList();
        var key = input.Key ?? StageKeys.From(name, keys);
        RefuseTakenKey(key, keys);
        var last = pipeline.Stages.Count == 0 ? -1 : pipeline.Stages.Max(s => s.SortOrder);
        var stage = pipeline.AddStage(key, name, input.Color ?? StageColors.Palette[pipeline.Stages.Count % StageColors.Palette.Count], input.Probability);
        stage.SortOrder = last + 1;
        stage.RottingDays = input.RottingDays;
        await ApplyOwnershipAsync(stage, input.Ownership, cancellationToken);
        db.Stages.Add(stage);
        audit.Record(SettingsAreas.Stage, SettingsActions.Created, stage.Id, name, after: Fields(stage));
        await db.SaveChangesAsync(cancellationToken);
        return stage.Id;
    }

    /// <summary>Changes a stage's name, key, colour, probability and rotting days (a null key keeps the current one).</summary>
    public async Task UpdateStageAsync(Guid id, StageInput input, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await stageValidator.ValidateAndThrowAsync(input, cancellationToken);
        var stage = await FindStageAsync(id, cancellationToken);
        var siblings = await db.Stages.Where(s => s.PipelineId == stage.PipelineId && s.Id != id).Select(s => new { s.Name, s.Key }).ToListAsync(cancellationToken);
        var name = input.Name!.Trim();
        RefuseTakenName(name, siblings.Select(s => s.Name), stage: true);
        var key = input.Key ?? stage.Key;
        RefuseTakenKey(key, siblings.Select(s => s.Key));
        var before = Fields(stage);
        stage.Name = name;
        stage.Key = key;
        stage.Color = input.Color ?? stage.Color;
        stage.Probability = input.Probability;
        stage.RottingDays = input.RottingDays;
        await ApplyOwnershipAsync(stage, input.Ownership, cancellationToken);
        audit.Record(SettingsAreas.Stage, SettingsActions.Updated, id, name, before, Fields(stage));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets who owns a lead that enters the stage (seed 004's stage ownership).</summary>
    public async Task SetOwnershipAsync(Guid stageId, StageOwnershipRule rule, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var stage = await FindStageAsync(stageId, cancellationToken);
        var before = Fields(stage);
        await ApplyOwnershipAsync(stage, rule, cancellationToken);
        audit.Record(SettingsAreas.Stage, SettingsActions.Updated, stageId, stage.Name, before, Fields(stage));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks and sets the rule: the user is a member, the role is a role; a new rule starts its round afresh.</summary>
    private async Task ApplyOwnershipAsync(Stage stage, StageOwnershipRule? rule, CancellationToken cancellationToken)
    {
        if (rule is null)
        {
            return;
        }
        switch (rule.Mode)
        {
            case StageOwnershipMode.AssignUser when rule.UserId is not { } userId || !await db.WorkspaceMembers.AnyAsync(m => m.UserId == userId, cancellationToken):
                throw Validation.Error("userId", Messages.T("Choose the member who takes every lead that enters the stage."));
            case StageOwnershipMode.RoundRobin when rule.Role is not { } role || !Enum.IsDefined(role):
                throw Validation.Error("role", Messages.T("Choose the role whose members take turns."));
            case not (StageOwnershipMode.KeepOwner or StageOwnershipMode.AssignUser or StageOwnershipMode.RoundRobin):
                throw Validation.Error("mode", Messages.T("Choose keep the owner, assign a member, or take turns."));
        }
        var changed = (stage.OwnershipMode, stage.OwnershipUserId, stage.OwnershipRole) != (rule.Mode, rule.UserId, rule.Role);
        stage.OwnershipMode = rule.Mode;
        stage.OwnershipUserId = rule.Mode == StageOwnershipMode.AssignUser ? rule.UserId : null;
        stage.OwnershipRole = rule.Mode == StageOwnershipMode.RoundRobin ? rule.Role : null;
        if (changed)
        {
            stage.LastAssignedUserId = null;
        }
    }

    /// <summary>Puts a pipeline's stages in this order; <paramref name="stageIds"/> must be exactly its stages.</summary>
    public async Task ReorderStagesAsync(Guid pipelineId, IReadOnlyList<Guid> stageIds, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var pipeline = await db.Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == pipelineId, cancellationToken)
            ?? throw Validation.Error("pipelineId", Messages.T("That pipeline does not exist in this workspace."));
        var stages = pipeline.Stages.ToDictionary(s => s.Id);
        if (stageIds.Count != stages.Count || stageIds.Distinct().Count() != stages.Count || !stageIds.All(stages.ContainsKey))
        {
            throw Validation.Error("stageIds", Messages.T("List each of the pipeline's {0} stages once, in the new order.", stages.Count));
        }
        var before = pipeline.Stages.OrderBy(s => s.SortOrder).Select(s => s.Name).ToList();
        for (var i = 0; i < stageIds.Count; i++)
        {
            stages[stageIds[i]].SortOrder = i;
        }
        audit.Record(SettingsAreas.Pipeline, SettingsActions.Reordered, pipelineId, pipeline.Name,
            new Dictionary<string, object?> { ["stages"] = string.Join(", ", before) },
            new Dictionary<string, object?> { ["stages"] = string.Join(", ", stageIds.Select(s => stages[s].Name)) });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes a stage that is not its pipeline's last. Its leads (and web forms) move to <paramref name="moveToStageId"/>,
    /// which is required when there are any; its fields and the values leads had in them go with it.
    /// </summary>
    public async Task<int> DeleteStageAsync(Guid id, Guid? moveToStageId, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var stage = await FindStageAsync(id, cancellationToken);
        var rest = await db.Stages.Where(s => s.PipelineId == stage.PipelineId && s.Id != id).OrderBy(s => s.SortOrder).ToListAsync(cancellationToken);
        if (rest.Count == 0)
        {
            throw Validation.Error("id", Messages.T("{0} is its pipeline's only stage. Add another stage first, or delete the pipeline.", stage.Name));
        }
        var (moved, target) = await RelocateAsync([stage], moveToStageId, null, cancellationToken);
        for (var i = 0; i < rest.Count; i++)
        {
            rest[i].SortOrder = i;
        }
        audit.Record(SettingsAreas.Stage, SettingsActions.Deleted, id, stage.Name, Fields(stage), Destination(moved, target));
        db.Stages.Remove(stage);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    /// <summary>
    /// Moves every lead (the trash included) and web form in <paramref name="stages"/> to the target stage, which must be
    /// another stage of a lead pipeline (outside <paramref name="leaving"/>, when a whole pipeline goes). Set-based, with a
    /// history row per lead; the deleted stages' ids in history become their names. The number of leads moved, and where to.
    /// </summary>
    private async Task<(int Moved, Stage? Target)> RelocateAsync(List<Stage> stages, Guid? targetId, Pipeline? leaving, CancellationToken cancellationToken)
    {
        Stage? target = null;
        var stageIds = stages.Select(s => s.Id).ToList();
        var leads = await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
            .Where(l => stageIds.Contains(l.StageId))
            .Select(l => new { l.Id, l.WorkspaceId, l.StageId, l.PipelineId })
            .ToListAsync(cancellationToken);
        var forms = await db.WebForms.Where(f => f.StageId != null && stageIds.Contains(f.StageId.Value)).ToListAsync(cancellationToken);
        if (leads.Count > 0 || forms.Count > 0)
        {
            target = await TargetAsync(stageIds, targetId, leads.Count, forms.Count, leaving, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var names = stages.ToDictionary(s => s.Id, s => s.Name);
            foreach (var lead in leads)
            {
                db.LeadHistory.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, nameof(Lead.StageId), names[lead.StageId], LeadHistoryRecorder.Format(target.Id), now, actor.UserId));
                if (lead.PipelineId != target.PipelineId)
                {
                    var from = lead.PipelineId == leaving?.Id ? leaving.Name : LeadHistoryRecorder.Format(lead.PipelineId);
                    db.LeadHistory.Add(new LeadHistoryEntry(lead.WorkspaceId, lead.Id, nameof(Lead.PipelineId), from,
                        LeadHistoryRecorder.Format(target.PipelineId), now, actor.UserId));
                }
            }
            await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter])
                .Where(l => stageIds.Contains(l.StageId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.StageId, target.Id)
                    .SetProperty(l => l.PipelineId, target.PipelineId)
                    .SetProperty(l => l.Version, l => l.Version + 1)
                    .SetProperty(l => l.UpdatedAt, now)
                    .SetProperty(l => l.UpdatedById, actor.UserId), cancellationToken);
            foreach (var form in forms)
            {
                form.StageId = target.Id;
            }
        }
        foreach (var stage in stages)
        {
            await NameInHistoryAsync(nameof(Lead.StageId), stage.Id, stage.Name, cancellationToken);
        }
        return (leads.Count, target);
    }

    /// <summary>For the log: how many leads (and web forms) went where.</summary>
    private static Dictionary<string, object?>? Destination(int moved, Stage? target) =>
        target is null ? null : new() { ["leadsMovedTo"] = target.Name, ["leadsMoved"] = moved };

    private async Task<Stage> TargetAsync(List<Guid> leavingIds, Guid? targetId, int leads, int forms, Pipeline? leaving, CancellationToken cancellationToken)
    {
        if (targetId is not { } id)
        {
            throw Validation.Error("moveToStageId", (leads, forms) switch
            {
                (1, _) => Messages.T("1 lead (the trash included) is in it. Choose the stage it moves to."),
                ( > 1, _) => Messages.T("{0:N0} leads (the trash included) are in it. Choose the stage they move to.", leads),
                (_, 1) => Messages.T("A web form puts its leads in it. Choose the stage it uses instead."),
                _ => Messages.T("{0:N0} web forms put their leads in it. Choose the stage they use instead.", forms),
            });
        }
        var target = await db.Stages.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var module = target is null ? (PipelineModule?)null
            : await db.Pipelines.Where(p => p.Id == target.PipelineId).Select(p => (PipelineModule?)p.Module).FirstOrDefaultAsync(cancellationToken);
        if (target is null || module != PipelineModule.Leads || leavingIds.Contains(target.Id) || target.PipelineId == leaving?.Id)
        {
            throw Validation.Error("moveToStageId", leaving is null
                ? Messages.T("Choose another stage of a lead pipeline for its leads.")
                : Messages.T("Choose a stage of another lead pipeline for its leads."));
        }
        return target;
    }

    /// <summary>History shows ids as the names they have; once a stage or pipeline is gone, its rows keep its name instead.</summary>
    private Task<int> NameInHistoryAsync(string field, Guid id, string name, CancellationToken cancellationToken)
    {
        var value = LeadHistoryRecorder.Format(id);
        return db.LeadHistory
            .Where(h => h.Field == field && (h.OldValue == value || h.NewValue == value))
            .ExecuteUpdateAsync(s => s
                .SetProperty(h => h.OldValue, h => h.OldValue == value ? name : h.OldValue)
                .SetProperty(h => h.NewValue, h => h.NewValue == value ? name : h.NewValue), cancellationToken);
    }

    private void RequireAdmin() => actor.Require(Permissions.SettingsAdmin, Messages.T("Only admins can change lead settings."));

    private async Task<Pipeline> FindPipelineAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Pipelines.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.Pipeline);

    private async Task<Stage> FindStageAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Stages.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.Stage);

    private static void RefuseTakenName(string name, IEnumerable<string> taken, bool stage = false)
    {
        if (taken.Any(t => string.Equals(t.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            throw Validation.Error("name", stage
                ? Messages.T("This pipeline already has a stage called {0}.", name)
                : Messages.T("There is already a pipeline called {0}.", name));
        }
    }

    private static void RefuseTakenKey(string key, IEnumerable<string> taken)
    {
        if (taken.Contains(key))
        {
            throw Validation.Error("key", Messages.T("Another stage of this pipeline has the key {0}.", key));
        }
    }

    private static Dictionary<string, object?> Fields(Pipeline pipeline) => new() { ["name"] = pipeline.Name, ["isDefault"] = pipeline.IsDefault };

    private static Dictionary<string, object?> Fields(Stage stage) => new()
    {
        ["name"] = stage.Name, ["key"] = stage.Key, ["color"] = stage.Color, ["probability"] = stage.Probability, ["rottingDays"] = stage.RottingDays,
        ["ownership"] = stage.OwnershipMode.ToString(), ["ownershipUserId"] = stage.OwnershipUserId, ["ownershipRole"] = stage.OwnershipRole?.ToString(),
    };
}
