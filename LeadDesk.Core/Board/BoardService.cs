using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Board;

public sealed record BoardCard(Guid Id, string FirstName, string LastName, string? Company, decimal? EstimatedValue,
    Guid? OwnerId, string? OwnerName, LeadPriority Priority, int Score, DateTime? SlaDeadlineAt)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <param name="Count">Open leads in the stage (after filters), all of them, not just the cards shown.</param>
/// <param name="Value">Their summed estimated value.</param>
public sealed record BoardColumn(StageInfo Stage, int Count, decimal Value, bool HasRequiredFields, IReadOnlyList<BoardCard> Cards)
{
    public bool HasMore => Cards.Count < Count;
}

public sealed record PipelineBoard(PipelineInfo Pipeline, IReadOnlyList<BoardColumn> Columns);

/// <summary>The kanban: one column per stage of a lead pipeline with counts and sums for all its open leads, and the first cards.</summary>
public sealed class BoardService(LeadDeskDbContext db, LeadAccess access, LeadListService list, PipelineDirectory pipelines)
{
    public const int CardsPerColumn = 50;

    /// <summary>Null when the workspace has no lead pipeline.</summary>
    public async Task<PipelineBoard?> GetAsync(LeadFilter filter, CancellationToken cancellationToken = default)
    {
        var pipeline = await pipelines.LeadPipelineAsync(filter.PipelineId, cancellationToken);
        if (pipeline is null)
        {
            return null;
        }
        var stageIds = pipeline.Stages.Select(s => s.Id).ToList();
        var leads = await OpenLeadsAsync(filter, cancellationToken);
        var totals = await leads
            .Where(l => stageIds.Contains(l.StageId))
            .GroupBy(l => l.StageId)
            .Select(g => new { StageId = g.Key, Count = g.Count(), Value = g.Sum(l => l.EstimatedValue ?? 0m) })
            .ToDictionaryAsync(g => g.StageId, cancellationToken);
        var withFields = (await pipelines.FieldsOfAsync(stageIds, cancellationToken)).Where(f => f.IsRequired).Select(f => f.StageId).ToHashSet();

        var columns = new List<BoardColumn>();
        foreach (var stage in pipeline.Stages)
        {
            var total = totals.GetValueOrDefault(stage.Id);
            var cards = total is null ? [] : await CardsAsync(leads, stage.Id, 0, CardsPerColumn, cancellationToken);
            columns.Add(new BoardColumn(stage, total?.Count ?? 0, total?.Value ?? 0m, withFields.Contains(stage.Id), cards));
        }
        return new PipelineBoard(pipeline, columns);
    }

    /// <summary>More cards of one column ("show more"), after the first <paramref name="skip"/>.</summary>
    public async Task<IReadOnlyList<BoardCard>> MoreCardsAsync(Guid stageId, LeadFilter filter, int skip, CancellationToken cancellationToken = default) =>
        await CardsAsync(await OpenLeadsAsync(filter, cancellationToken), stageId, Math.Max(0, skip), CardsPerColumn, cancellationToken);

    private async Task<IQueryable<Lead>> OpenLeadsAsync(LeadFilter filter, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleAsync(cancellationToken: cancellationToken);
        // The board shows open leads by stage; the status and stage filters belong to the list.
        return (await list.FilterAsync(visible.AsNoTracking(), filter with { Status = null, StageId = null, PipelineId = null }, cancellationToken))
            .Where(l => l.Status == LeadStatus.Open);
    }

    private async Task<IReadOnlyList<BoardCard>> CardsAsync(IQueryable<Lead> leads, Guid stageId, int skip, int take, CancellationToken cancellationToken) =>
        await (
                from l in leads.Where(l => l.StageId == stageId).OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Skip(skip).Take(take)
                join o in db.Users on l.OwnerId equals o.Id into owners
                from o in owners.DefaultIfEmpty()
                select new BoardCard(l.Id, l.FirstName, l.LastName, l.Company, l.EstimatedValue, l.OwnerId, o.DisplayName, l.Priority, l.Score, l.SlaDeadlineAt))
            .ToListAsync(cancellationToken);
}
