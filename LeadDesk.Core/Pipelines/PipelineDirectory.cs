using LeadDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Pipelines;

public sealed record StageInfo(Guid Id, Guid PipelineId, string Key, string Name, string Color, int Probability, int SortOrder, int? RottingDays);

public sealed record PipelineInfo(Guid Id, string Name, bool IsDefault, IReadOnlyList<StageInfo> Stages);

public sealed record StageFieldInfo(Guid Id, Guid StageId, string Key, string Label, StageFieldType Type, bool IsRequired, IReadOnlyList<string> Choices);

/// <summary>Read side of pipelines: the lists pages, filters and the board are built from.</summary>
public sealed class PipelineDirectory(LeadDeskDbContext db)
{
    private IReadOnlyList<PipelineInfo>? _leadPipelines;

    /// <summary>The workspace's lead pipelines, default first, each with its stages in order. Cached for the scope.</summary>
    public async Task<IReadOnlyList<PipelineInfo>> LeadPipelinesAsync(CancellationToken cancellationToken = default)
    {
        if (_leadPipelines is not null)
        {
            return _leadPipelines;
        }
        var pipelines = await db.Pipelines.AsNoTracking()
            .Where(p => p.Module == PipelineModule.Leads)
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.SortOrder).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.IsDefault })
            .ToListAsync(cancellationToken);
        var ids = pipelines.Select(p => p.Id).ToList();
        var stages = await db.Stages.AsNoTracking()
            .Where(s => ids.Contains(s.PipelineId))
            .OrderBy(s => s.SortOrder)
            .Select(s => new StageInfo(s.Id, s.PipelineId, s.Key, s.Name, s.Color, s.Probability, s.SortOrder, s.RottingDays))
            .ToListAsync(cancellationToken);
        _leadPipelines = pipelines
            .Select(p => new PipelineInfo(p.Id, p.Name, p.IsDefault, stages.Where(s => s.PipelineId == p.Id).ToList()))
            .ToList();
        return _leadPipelines;
    }

    /// <summary>The pipeline with that id, or the default one when the id is null or unknown; null when there is none.</summary>
    public async Task<PipelineInfo?> LeadPipelineAsync(Guid? id, CancellationToken cancellationToken = default)
    {
        var pipelines = await LeadPipelinesAsync(cancellationToken);
        return pipelines.FirstOrDefault(p => p.Id == id) ?? (pipelines.Count > 0 ? pipelines[0] : null);
    }

    public async Task<StageInfo?> StageAsync(Guid stageId, CancellationToken cancellationToken = default) =>
        (await LeadPipelinesAsync(cancellationToken)).SelectMany(p => p.Stages).FirstOrDefault(s => s.Id == stageId);

    public async Task<IReadOnlyList<StageFieldInfo>> FieldsAsync(Guid stageId, CancellationToken cancellationToken = default) =>
        await FieldsOfAsync([stageId], cancellationToken);

    public async Task<IReadOnlyList<StageFieldInfo>> FieldsOfAsync(IReadOnlyCollection<Guid> stageIds, CancellationToken cancellationToken = default)
    {
        var fields = await db.StageFields.AsNoTracking()
            .Where(f => stageIds.Contains(f.StageId))
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Label)
            .ToListAsync(cancellationToken);
        return fields.Select(f => new StageFieldInfo(f.Id, f.StageId, f.Key, f.Label, f.Type, f.IsRequired, f.Choices)).ToList();
    }
}
