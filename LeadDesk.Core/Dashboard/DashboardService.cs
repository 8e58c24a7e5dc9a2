using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Dashboard;

public sealed record StageSummary(Guid StageId, string Key, string Name, string Color, int OpenLeads, decimal Value);

public sealed record DashboardSummary(
    string? PipelineName,
    IReadOnlyList<StageSummary> Stages,
    int OpenLeads,
    decimal OpenValue,
    int NewThisWeek,
    int MyOpenLeads,
    int Converted,
    int Disqualified);

/// <summary>Real counts for the current workspace's default lead pipeline, over the leads the actor may see.</summary>
public sealed class DashboardService(LeadDeskDbContext db, LeadAccess access, ICurrentActor actor, TimeProvider clock)
{
    public async Task<DashboardSummary> GetAsync(CancellationToken cancellationToken = default)
    {
        var pipeline = await db.Pipelines.AsNoTracking()
            .Where(p => p.Module == PipelineModule.Leads)
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.SortOrder)
            .Select(p => new { p.Id, p.Name })
            .FirstOrDefaultAsync(cancellationToken);

        var stages = pipeline is null ? [] : await db.Stages.AsNoTracking()
            .Where(s => s.PipelineId == pipeline.Id)
            .OrderBy(s => s.SortOrder)
            .Select(s => new { s.Id, s.Key, s.Name, s.Color })
            .ToListAsync(cancellationToken);

        // Counts cover the leads the actor may see: a rep under own+team visibility sees their own numbers.
        var leads = (await access.VisibleAsync(cancellationToken: cancellationToken)).AsNoTracking();
        var perStage = await leads
            .Where(l => l.Status == LeadStatus.Open)
            .GroupBy(l => l.StageId)
            .Select(g => new { StageId = g.Key, Count = g.Count(), Value = g.Sum(l => l.EstimatedValue ?? 0m) })
            .ToDictionaryAsync(g => g.StageId, cancellationToken);

        var byStatus = await leads
            .GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Value = g.Sum(l => l.EstimatedValue ?? 0m) })
            .ToDictionaryAsync(g => g.Status, cancellationToken);

        var weekStart = StartOfWeek(clock.GetUtcNow().UtcDateTime);
        var newThisWeek = await leads.CountAsync(l => l.CreatedAt >= weekStart, cancellationToken);
        var mine = actor.UserId is { } userId
            ? await leads.CountAsync(l => l.OwnerId == userId && l.Status == LeadStatus.Open, cancellationToken)
            : 0;

        var summaries = stages
            .Select(s => perStage.TryGetValue(s.Id, out var g)
                ? new StageSummary(s.Id, s.Key, s.Name, s.Color, g.Count, g.Value)
                : new StageSummary(s.Id, s.Key, s.Name, s.Color, 0, 0m))
            .ToList();

        // The headline figures cover every lead pipeline; the per-stage table shows the default one.
        return new DashboardSummary(
            pipeline?.Name,
            summaries,
            byStatus.GetValueOrDefault(LeadStatus.Open)?.Count ?? 0,
            byStatus.GetValueOrDefault(LeadStatus.Open)?.Value ?? 0m,
            newThisWeek,
            mine,
            byStatus.GetValueOrDefault(LeadStatus.Converted)?.Count ?? 0,
            byStatus.GetValueOrDefault(LeadStatus.Disqualified)?.Count ?? 0);
    }

    /// <summary>Monday 00:00 UTC of the week containing <paramref name="utcNow"/>.</summary>
    public static DateTime StartOfWeek(DateTime utcNow)
    {
        var daysSinceMonday = ((int)utcNow.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(utcNow.Date.AddDays(-daysSinceMonday), DateTimeKind.Utc);
    }
}
