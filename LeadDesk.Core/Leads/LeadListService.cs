using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LeadDesk.Core.Leads;

public sealed record LeadRow(
    Guid Id, string FirstName, string LastName, string? Email, string? Phone, string? Company,
    Guid StageId, string StageName, string StageColor, Guid? OwnerId, string? OwnerName,
    LeadPriority Priority, int Score, decimal? EstimatedValue, LeadStatus Status, string? Source,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt, DateTime? SlaDeadlineAt, string StageKey = "")
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

public sealed record LeadListPage(IReadOnlyList<LeadRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A window of the list for the API: by offset, or after a keyset cursor.</summary>
public sealed record LeadSlice(IReadOnlyList<LeadRow> Rows, int Total, int Offset, int Limit, bool HasMore, string? NextCursor);

/// <summary>The lead list: filtered, sorted and paged in the database, for the list page and the API.</summary>
public sealed class LeadListService(LeadDeskDbContext db, LeadAccess access, ICurrentActor actor, PhoneRegions phoneRegions, IMemoryCache cache)
{
    /// <summary>A page of the list page: the page number is clamped to the pages there are.</summary>
    public async Task<LeadListPage> SearchAsync(LeadListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, LeadListQuery.MaxPageSize);
        var (leads, total) = await FilteredAsync(query, cancellationToken);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await RowsAsync(Ordered(leads, query).Skip((page - 1) * pageSize).Take(pageSize), cancellationToken);
        return new LeadListPage(rows, total, page, pageSize);
    }

    /// <summary>
    /// <paramref name="limit"/> leads from <paramref name="offset"/>, or after <paramref name="cursor"/> (from a
    /// previous slice's <see cref="LeadSlice.NextCursor"/>); keyset paging stays fast however deep it goes.
    /// </summary>
    public async Task<LeadSlice> SliceAsync(LeadListQuery query, int offset, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, LeadListQuery.MaxPageSize);
        var after = cursor is null ? null : LeadCursor.Decode(cursor, query.Sort, query.Descending);
        if (cursor is not null && !LeadCursor.Supports(query.Sort))
        {
            throw Common.Validation.Error("cursor", Messages.T("Cursor paging works with sortBy createdAt, updatedAt or score; use page or offset for other orders."));
        }
        var (leads, total) = await FilteredAsync(query, cancellationToken);
        var window = after is null
            ? Ordered(leads, query).Skip(Math.Max(0, offset))
            : Ordered(LeadCursor.After(leads, after), query);
        var rows = await RowsAsync(window.Take(limit + 1), cancellationToken);
        var hasMore = rows.Count > limit;
        rows = [.. rows.Take(limit)];
        var next = hasMore && LeadCursor.Supports(query.Sort) && !query.Trash ? LeadCursor.Encode(query.Sort, query.Descending, rows[^1]) : null;
        return new LeadSlice(rows, total, after is null ? Math.Max(0, offset) : -1, limit, hasMore, next);
    }

    private async Task<(IQueryable<Lead> Leads, int Total)> FilteredAsync(LeadListQuery query, CancellationToken cancellationToken)
    {
        if (query.Trash)
        {
            access.Require(Permissions.LeadsDelete, Messages.T("Only managers and admins can open the trash."));
        }
        var visible = await access.VisibleAsync(includeDeleted: query.Trash, cancellationToken);
        var leads = await FilterAsync(visible.AsNoTracking(), query, cancellationToken);
        if (query.Trash)
        {
            leads = leads.Where(l => l.IsDeleted);
        }
        return (leads, await leads.CountAsync(cancellationToken));
    }

    private static IOrderedQueryable<Lead> Ordered(IQueryable<Lead> leads, LeadListQuery query) =>
        query.Trash ? leads.OrderByDescending(l => l.DeletedAt).ThenByDescending(l => l.Id) : Order(leads, query.Sort, query.Descending);

    // Two steps: the page's ids come from the sort's covering index alone; only those rows are then read.
    private async Task<List<LeadRow>> RowsAsync(IQueryable<Lead> window, CancellationToken cancellationToken)
    {
        var ids = await window.Select(l => l.Id).ToListAsync(cancellationToken);
        var rows = await (
                from l in db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
                join s in db.Stages on l.StageId equals s.Id
                join o in db.Users on l.OwnerId equals o.Id into owners
                from o in owners.DefaultIfEmpty()
                where ids.Contains(l.Id)
                select new LeadRow(l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.Company, l.StageId, s.Name, s.Color,
                    l.OwnerId, o.DisplayName, l.Priority, l.Score, l.EstimatedValue, l.Status, l.Source,
                    l.CreatedAt, l.UpdatedAt, l.DeletedAt, l.SlaDeadlineAt, s.Key))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => ids.IndexOf(r.Id))];
    }

    /// <summary>Applies every filter of <paramref name="filter"/>; the board and the API reuse it.</summary>
    public async Task<IQueryable<Lead>> FilterAsync(IQueryable<Lead> leads, LeadFilter filter, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            // Phones are stored in E.164, so a number as typed is also looked for as its digits ("(11) 99999-8888" finds
            // +5511999998888) and, with a trunk or international prefix, as its E.164 form.
            var forms = PhoneFormat.SearchForms(term, await phoneRegions.CurrentAsync(cancellationToken));
            leads = forms switch
            {
                [] => leads.Where(l => l.SearchText.Contains(term)),
                [var other] => leads.Where(l => l.SearchText.Contains(term) || l.SearchText.Contains(other)),
                [var digits, var e164, ..] => leads.Where(l => l.SearchText.Contains(term) || l.SearchText.Contains(digits) || l.SearchText.Contains(e164)),
            };
        }
        if (filter.PipelineId is { } pipelineId)
        {
            leads = leads.Where(l => l.PipelineId == pipelineId);
        }
        if (filter.StageId is { } stageId)
        {
            leads = leads.Where(l => l.StageId == stageId);
        }
        switch (filter.Owner)
        {
            case null or "":
                break;
            case LeadFilter.OwnerNone:
                leads = leads.Where(l => l.OwnerId == null);
                break;
            case LeadFilter.OwnerMe:
                var me = actor.UserId;
                leads = leads.Where(l => l.OwnerId == me);
                break;
            default:
                var ownerId = Guid.TryParse(filter.Owner, out var id) ? id : Guid.Empty;
                leads = leads.Where(l => l.OwnerId == ownerId);
                break;
        }
        if (filter.Priority is { } priority)
        {
            leads = leads.Where(l => l.Priority == priority);
        }
        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            var source = filter.Source.Trim();
            leads = leads.Where(l => l.Source == source);
        }
        if (filter.Status is { } status)
        {
            leads = leads.Where(l => l.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.StageKey))
        {
            var key = filter.StageKey.Trim().ToLowerInvariant();
            leads = leads.Where(l => l.Status == LeadStatus.Open && db.Stages.Any(s => s.Id == l.StageId && s.Key == key));
        }
        if (filter.AccountId is { } accountId)
        {
            leads = leads.Where(l => l.AccountId == accountId);
        }
        if (filter.ScoreMin is { } min)
        {
            leads = leads.Where(l => l.Score >= min);
        }
        if (filter.ScoreMax is { } max)
        {
            leads = leads.Where(l => l.Score <= max);
        }
        if (filter.CreatedFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            leads = leads.Where(l => l.CreatedAt >= start);
        }
        // Up to the end of the last day there is (9999-12-31) has no end to compare with: nothing is left out.
        if (filter.CreatedTo is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            leads = leads.Where(l => l.CreatedAt < end);
        }
        return leads;
    }

    /// <summary>The sources in use, for the filter's choices.</summary>
    /// <remarks>
    /// A distinct scan of the source index (deleted leads included, so the index covers it), kept for a
    /// minute per workspace: a brand-new source reaches the filter within that minute.
    /// </remarks>
    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.LeadsView);
        return await cache.GetOrCreateAsync($"lead-sources:{actor.WorkspaceId}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AsNoTracking()
                .Where(l => l.Source != null)
                .Select(l => l.Source!)
                .Distinct()
                .OrderBy(s => s)
                .Take(200)
                .ToListAsync(cancellationToken);
        }) ?? [];
    }

    // Each order ends with the id (time-ordered Guid v7), so pages never overlap when values tie.
    private static IOrderedQueryable<Lead> Order(IQueryable<Lead> leads, LeadSort sort, bool descending) => (sort, descending) switch
    {
        (LeadSort.Updated, true) => leads.OrderByDescending(l => l.UpdatedAt).ThenByDescending(l => l.Id),
        (LeadSort.Updated, false) => leads.OrderBy(l => l.UpdatedAt).ThenBy(l => l.Id),
        (LeadSort.Name, true) => leads.OrderByDescending(l => l.LastName).ThenByDescending(l => l.FirstName).ThenByDescending(l => l.Id),
        (LeadSort.Name, false) => leads.OrderBy(l => l.LastName).ThenBy(l => l.FirstName).ThenBy(l => l.Id),
        (LeadSort.Company, true) => leads.OrderByDescending(l => l.Company).ThenByDescending(l => l.Id),
        (LeadSort.Company, false) => leads.OrderBy(l => l.Company).ThenBy(l => l.Id),
        // A lead without a value sorts as 0 on every provider, and as a number: SQLite keeps decimals as text,
        // and ordering them through EF's decimal collation costs a callback per comparison.
        (LeadSort.Value, true) => leads.OrderByDescending(l => (double)(l.EstimatedValue ?? 0m)).ThenByDescending(l => l.Id),
        (LeadSort.Value, false) => leads.OrderBy(l => (double)(l.EstimatedValue ?? 0m)).ThenBy(l => l.Id),
        (LeadSort.Score, true) => leads.OrderByDescending(l => l.Score).ThenByDescending(l => l.Id),
        (LeadSort.Score, false) => leads.OrderBy(l => l.Score).ThenBy(l => l.Id),
        (_, false) => leads.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id),
        _ => leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
    };
}
