using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Dashboard;

public sealed record StageSummary(Guid StageId, string Key, string Name, string Color, int OpenLeads, decimal Value);

/// <summary>Leads created in the week starting on <paramref name="Monday"/> (UTC).</summary>
public sealed record WeekCount(DateOnly Monday, int Created);

/// <summary>Leads from one source (null: none given); <paramref name="IsOther"/> gathers the sources past the largest few.</summary>
public sealed record SourceCount(string? Source, int Leads, bool IsOther = false);

public sealed record DashboardSummary(
    string? PipelineName,
    IReadOnlyList<StageSummary> Stages,
    int OpenLeads,
    decimal OpenValue,
    int NewThisWeek,
    int MyOpenLeads,
    int Converted,
    int Disqualified,
    IReadOnlyList<WeekCount> CreatedPerWeek,
    IReadOnlyList<SourceCount> BySource);

/// <summary>Real counts for the current workspace's default lead pipeline, over the leads the actor may see.</summary>
public sealed class DashboardService(LeadDeskDbContext db, LeadAccess access, ICurrentActor actor, TimeProvider clock)
{
    public const int Weeks = 12;

    /// <summary>The largest sources shown one by one; the rest are summed as "other".</summary>
    public const int Sources = 7;

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

        var createdPerWeek = await CreatedPerWeekAsync(leads, weekStart, cancellationToken);
        var bySource = await BySourceAsync(leads, cancellationToken);

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
            byStatus.GetValueOrDefault(LeadStatus.Disqualified)?.Count ?? 0,
            createdPerWeek,
            bySource);
    }

    /// <summary>The last <see cref="Weeks"/> weeks, this one included; days counted in the database, weeks summed here.</summary>
    private static async Task<IReadOnlyList<WeekCount>> CreatedPerWeekAsync(IQueryable<Lead> leads, DateTime weekStart, CancellationToken cancellationToken)
    {
        var first = weekStart.AddDays(-7 * (Weeks - 1));
        var perDay = await leads
            .Where(l => l.CreatedAt >= first)
            .GroupBy(l => l.CreatedAt.Date)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. Enumerable.Range(0, Weeks).Select(week =>
        {
            var monday = first.AddDays(7 * week);
            var created = perDay.Where(d => d.Day >= monday && d.Day < monday.AddDays(7)).Sum(d => d.Count);
            return new WeekCount(DateOnly.FromDateTime(monday), created);
        })];
    }

    private static async Task<IReadOnlyList<SourceCount>> BySourceAsync(IQueryable<Lead> leads, CancellationToken cancellationToken)
    {
        var counts = await leads
            .GroupBy(l => l.Source)
            .Select(g => new { Source = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ordered = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Source).ToList();
        var shown = ordered.Take(Sources).Select(c => new SourceCount(c.Source, c.Count)).ToList();
        var rest = ordered.Skip(Sources).Sum(c => c.Count);
        return rest > 0 ? [.. shown, new SourceCount(null, rest, IsOther: true)] : shown;
    }

    /// <summary>Monday 00:00 UTC of the week containing <paramref name="utcNow"/>.</summary>
    public static DateTime StartOfWeek(DateTime utcNow)
    {
        var daysSinceMonday = ((int)utcNow.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(utcNow.Date.AddDays(-daysSinceMonday), DateTimeKind.Utc);
    }
}
