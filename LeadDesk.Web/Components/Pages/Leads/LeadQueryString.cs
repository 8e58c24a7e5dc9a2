using System.Globalization;
using LeadDesk.Core.Leads;
using Microsoft.AspNetCore.WebUtilities;

namespace LeadDesk.Web.Components.Pages.Leads;

/// <summary>
/// The list's and board's state in the URL, so every view is a link. Reading is forgiving: a value that
/// does not parse is ignored, never an error page.
/// </summary>
public static class LeadQueryString
{
    public static LeadListQuery Parse(IQueryCollection query)
    {
        string? Text(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        Guid? Id(string key) => Guid.TryParse(Text(key), out var id) ? id : null;
        int? Number(string key) => int.TryParse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        DateOnly? Date(string key) => DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        // One named value only: Enum.TryParse would also read "high,low" (or the key given twice) as flags.
        T? Enum<T>(string key) where T : struct, System.Enum =>
            Text(key) is { } text && !text.Contains(',', StringComparison.Ordinal) && !char.IsAsciiDigit(text[0])
                && System.Enum.TryParse<T>(text, ignoreCase: true, out var e) && System.Enum.IsDefined(e) ? e : null;

        var search = Text("q");
        return new LeadListQuery
        {
            Search = search?.Length > 200 ? search[..200] : search,
            PipelineId = Id("pipeline"),
            StageId = Id("stage"),
            Owner = Text("owner") is { } owner && (owner is LeadFilter.OwnerMe or LeadFilter.OwnerNone || Guid.TryParse(owner, out _)) ? owner : null,
            Priority = Enum<LeadPriority>("priority"),
            Source = Text("source"),
            Status = Enum<LeadStatus>("status"),
            ScoreMin = Number("scoreMin") is { } min ? Math.Clamp(min, 0, 100) : null,
            ScoreMax = Number("scoreMax") is { } max ? Math.Clamp(max, 0, 100) : null,
            CreatedFrom = Date("from"),
            CreatedTo = Date("to"),
            Sort = Enum<LeadSort>("sort") ?? LeadSort.Created,
            Descending = Text("dir") != "asc",
            Page = Math.Max(1, Number("page") ?? 1),
            PageSize = Number("size") is { } size && PageSizes.Contains(size) ? size : LeadListQuery.DefaultPageSize,
            Trash = Text("view") == "trash",
        };
    }

    /// <summary>The state in an interactive page's address (NavigationManager.Uri).</summary>
    public static LeadListQuery Parse(string uri) =>
        Parse(new QueryCollection(QueryHelpers.ParseQuery(new Uri(uri, UriKind.Absolute).Query)));

    /// <summary>What of <paramref name="query"/> the board uses: it always shows open leads, by stage.</summary>
    public static LeadFilter BoardFilter(LeadListQuery query) => new()
    {
        Search = query.Search,
        PipelineId = query.PipelineId,
        Owner = query.Owner,
        Priority = query.Priority,
        Source = query.Source,
        ScoreMin = query.ScoreMin,
        ScoreMax = query.ScoreMax,
        CreatedFrom = query.CreatedFrom,
        CreatedTo = query.CreatedTo,
    };

    /// <summary>A search as typed: trimmed, and null when there is nothing to look for.</summary>
    public static string? Clean(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();

    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100, 200];

    /// <summary>The query string for <paramref name="query"/>, leaving out defaults so links stay short.</summary>
    public static string Format(LeadListQuery query)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string key, object? value)
        {
            var text = value switch
            {
                null => null,
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum e => e.ToString().ToLowerInvariant(),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrEmpty(text))
            {
                values.Add(new(key, text));
            }
        }
        Add("q", query.Search);
        Add("pipeline", query.PipelineId);
        Add("stage", query.StageId);
        Add("owner", query.Owner);
        Add("priority", query.Priority);
        Add("source", query.Source);
        Add("status", query.Status);
        Add("scoreMin", query.ScoreMin);
        Add("scoreMax", query.ScoreMax);
        Add("from", query.CreatedFrom);
        Add("to", query.CreatedTo);
        if (query.Sort != LeadSort.Created)
        {
            Add("sort", query.Sort);
        }
        if (!query.Descending)
        {
            Add("dir", "asc");
        }
        if (query.Page > 1)
        {
            Add("page", query.Page);
        }
        if (query.PageSize != LeadListQuery.DefaultPageSize)
        {
            Add("size", query.PageSize);
        }
        if (query.Trash)
        {
            Add("view", "trash");
        }
        return values.Count == 0 ? "" : QueryString.Create(values).ToString();
    }

    public static string ListUrl(LeadListQuery query) => "/leads" + Format(query);

    public static string BoardUrl(LeadFilter filter) =>
        "/board" + Format(new LeadListQuery
        {
            Search = filter.Search,
            PipelineId = filter.PipelineId,
            Owner = filter.Owner,
            Priority = filter.Priority,
            Source = filter.Source,
            ScoreMin = filter.ScoreMin,
            ScoreMax = filter.ScoreMax,
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
        });
}
