using System.Buffers.Text;
using System.Globalization;
using System.Text;
using LeadDesk.Core.Common;
using LeadDesk.Core.Localization;

namespace LeadDesk.Core.Leads;

/// <summary>
/// An opaque keyset cursor: the last row's sort value and id, so the next slice starts right after it
/// with an index seek instead of skipping rows. Tied to the order it was made for.
/// </summary>
public sealed record LeadCursor(LeadSort Sort, bool Descending, DateTime? Time, int? Number, Guid Id)
{
    public static bool Supports(LeadSort sort) => sort is LeadSort.Created or LeadSort.Updated or LeadSort.Score;

    public static string Encode(LeadSort sort, bool descending, LeadRow last)
    {
        var key = sort switch
        {
            LeadSort.Score => last.Score.ToString(CultureInfo.InvariantCulture),
            LeadSort.Updated => last.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
            _ => last.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
        };
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{(int)sort}|{(descending ? 1 : 0)}|{key}|{last.Id:N}"));
    }

    public static LeadCursor Decode(string cursor, LeadSort sort, bool descending)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            if (parts.Length != 4)
            {
                throw new FormatException("A cursor has four parts.");
            }
            var cursorSort = (LeadSort)int.Parse(parts[0], CultureInfo.InvariantCulture);
            var cursorDescending = parts[1] == "1";
            var key = long.Parse(parts[2], CultureInfo.InvariantCulture);
            var id = Guid.ParseExact(parts[3], "N");
            if (cursorSort != sort || cursorDescending != descending)
            {
                throw Validation.Error("cursor", Messages.T("This cursor belongs to another order; start again without it."));
            }
            return sort == LeadSort.Score
                ? new LeadCursor(sort, descending, null, checked((int)key), id)
                : new LeadCursor(sort, descending, new DateTime(key, DateTimeKind.Utc), null, id);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            throw Validation.Error("cursor", Messages.T("The cursor is not one this API gave out."));
        }
    }

    /// <summary>The leads after the cursor in its order (the id breaks ties, as in the list's order).</summary>
    public static IQueryable<Lead> After(IQueryable<Lead> leads, LeadCursor cursor)
    {
        var id = cursor.Id;
        return (cursor.Sort, cursor.Descending) switch
        {
            (LeadSort.Score, true) => leads.Where(l => l.Score < cursor.Number || (l.Score == cursor.Number && l.Id.CompareTo(id) < 0)),
            (LeadSort.Score, false) => leads.Where(l => l.Score > cursor.Number || (l.Score == cursor.Number && l.Id.CompareTo(id) > 0)),
            (LeadSort.Updated, true) => leads.Where(l => l.UpdatedAt < cursor.Time || (l.UpdatedAt == cursor.Time && l.Id.CompareTo(id) < 0)),
            (LeadSort.Updated, false) => leads.Where(l => l.UpdatedAt > cursor.Time || (l.UpdatedAt == cursor.Time && l.Id.CompareTo(id) > 0)),
            (_, true) => leads.Where(l => l.CreatedAt < cursor.Time || (l.CreatedAt == cursor.Time && l.Id.CompareTo(id) < 0)),
            _ => leads.Where(l => l.CreatedAt > cursor.Time || (l.CreatedAt == cursor.Time && l.Id.CompareTo(id) > 0)),
        };
    }
}
