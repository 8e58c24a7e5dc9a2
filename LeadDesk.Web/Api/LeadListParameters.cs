using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using LeadDesk.Core.Leads;

namespace LeadDesk.Web.Api;

/// <summary>
/// <c>GET /api/v1/leads</c>'s query string (seeds 002–004): filters, order, and one of three ways to page.
/// Unlike the list page, a value that does not parse is a 400 naming the parameter.
/// </summary>
internal sealed record LeadListParameters(LeadListQuery Query, int Limit, int Offset, int? Page, string? Cursor)
{
    public const int DefaultLimit = 50;

    private static readonly Dictionary<string, LeadSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["createdAt"] = LeadSort.Created, ["created_at"] = LeadSort.Created,
        ["updatedAt"] = LeadSort.Updated, ["updated_at"] = LeadSort.Updated,
        ["name"] = LeadSort.Name, ["lastName"] = LeadSort.Name,
        ["company"] = LeadSort.Company,
        ["estimatedValue"] = LeadSort.Value, ["value"] = LeadSort.Value,
        ["score"] = LeadSort.Score,
    };

    public static LeadListParameters Parse(IQueryCollection query, string workspaceSlug)
    {
        var errors = new List<ValidationFailure>();
        string? Text(params string[] keys) => keys.Select(k => query[k].ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        T? Read<T>(string key, Func<string, (bool Ok, T Value)> parse, string expected, params string[] aliases) where T : struct
        {
            // The error names the parameter as the client spelled it (company_id, not accountId).
            var sent = ((string[])[key, .. aliases]).FirstOrDefault(k => !string.IsNullOrWhiteSpace(query[k].ToString()));
            if (sent is null)
            {
                return null;
            }
            var (ok, value) = parse(query[sent].ToString().Trim());
            if (!ok)
            {
                errors.Add(new ValidationFailure(sent, $"{sent} {expected}."));
                return null;
            }
            return value;
        }
        (bool, Guid) Id(string text) => (Guid.TryParse(text, out var id), id);
        (bool, int) Int(string text) => (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n);
        (bool, DateOnly) Date(string text) => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? (true, DateOnly.FromDateTime(d)) : (false, default);
        (bool, T) Choice<T>(string text) where T : struct, Enum =>
            !text.Contains(',', StringComparison.Ordinal) && !char.IsAsciiDigit(text[0]) && Enum.TryParse<T>(text, true, out var e) && Enum.IsDefined(e) ? (true, e) : (false, default);

        var workspace = Text("workspace", "workspace_slug");
        if (workspace is not null && !string.Equals(workspace, workspaceSlug, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationFailure("workspace", "workspace must be the slug of the workspace you are working in."));
        }
        // status is a lifecycle state (open, converted, disqualified) or a simple status (a stage key, converted, lost).
        LeadStatus? lifecycle = null;
        string? stageKey = null;
        if (Text("status") is { } status)
        {
            if (Choice<LeadStatus>(status) is (true, var parsed))
            {
                lifecycle = parsed;
            }
            else if (status.Equals(Core.Leads.SimpleStatus.Lost, StringComparison.OrdinalIgnoreCase))
            {
                lifecycle = LeadStatus.Disqualified;
            }
            else
            {
                stageKey = status.ToLowerInvariant();
            }
        }
        var owner = Text("assignedTo", "agent_id", "owner");
        if (owner is not null && owner is not (LeadFilter.OwnerMe or LeadFilter.OwnerNone) && !Guid.TryParse(owner, out _))
        {
            errors.Add(new ValidationFailure("assignedTo", "assignedTo must be a user id, me or none."));
        }
        var sortBy = Text("sortBy", "sort");
        if (sortBy is not null && !Sorts.ContainsKey(sortBy))
        {
            errors.Add(new ValidationFailure("sortBy", $"sortBy must be one of: {string.Join(", ", Sorts.Keys.Where(k => !k.Contains('_', StringComparison.Ordinal)))}."));
        }
        var sortDir = Text("sortDir", "dir")?.ToLowerInvariant();
        if (sortDir is not null and not ("asc" or "desc"))
        {
            errors.Add(new ValidationFailure("sortDir", "sortDir must be asc or desc."));
        }
        var limit = Read("limit", Int, "must be a whole number from 1 to 200") ?? DefaultLimit;
        if (limit is < 1 or > LeadListQuery.MaxPageSize)
        {
            errors.Add(new ValidationFailure("limit", $"limit must be from 1 to {LeadListQuery.MaxPageSize}."));
        }
        var page = Read("page", Int, "must be a whole number from 1");
        var offset = Read("offset", Int, "must be a whole number from 0");
        if (page is < 1 || offset is < 0)
        {
            errors.Add(new ValidationFailure(page is < 1 ? "page" : "offset", page is < 1 ? "page starts at 1." : "offset starts at 0."));
        }
        var cursor = Text("cursor");
        if (cursor is not null && (page is not null || offset is not null))
        {
            errors.Add(new ValidationFailure("cursor", "Page with cursor, or with page, or with offset: one of them."));
        }
        var sort = sortBy is not null && Sorts.TryGetValue(sortBy, out var s) ? s : LeadSort.Created;
        var search = Text("search", "q");
        var result = new LeadListParameters(
            new LeadListQuery
            {
                Search = search?.Length > 200 ? search[..200] : search,
                StageId = Read("stageId", Id, "must be a stage id (a UUID)"),
                PipelineId = Read("pipelineId", Id, "must be a pipeline id (a UUID)"),
                Priority = Read("priority", Choice<LeadPriority>, "must be low, medium, high or critical"),
                Source = Text("source"),
                Owner = owner,
                Status = lifecycle,
                StageKey = stageKey,
                AccountId = Read("accountId", Id, "must be an account id (a UUID)", "company_id"),
                ScoreMin = Read("min_score", Int, "must be a whole number", "minScore"),
                ScoreMax = Read("max_score", Int, "must be a whole number", "maxScore"),
                CreatedFrom = Read("created_after", Date, "must be a date (YYYY-MM-DD)", "createdAfter"),
                CreatedTo = Read("created_before", Date, "must be a date (YYYY-MM-DD)", "createdBefore"),
                Sort = sort,
                Descending = sortDir is null ? sort is not (LeadSort.Name or LeadSort.Company) : sortDir == "desc",
            },
            limit,
            offset ?? (int)Math.Min(int.MaxValue, ((page ?? 1) - 1L) * limit),
            page ?? (offset is null && cursor is null ? 1 : null),
            cursor);
        return errors.Count == 0 ? result : throw new ValidationException(errors);
    }
}
