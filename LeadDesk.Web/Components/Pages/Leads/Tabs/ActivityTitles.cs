using System.Text.RegularExpressions;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Leads;
using LeadDesk.Web.Components.Shared;
using static LeadDesk.Web.Localization.Ui;

namespace LeadDesk.Web.Components.Pages.Leads.Tabs;

/// <summary>
/// A timeline entry in the reader's language. Core stores the titles of the events it records in English (wherever it
/// adds a <see cref="LeadActivity"/>); each is recognised by its type and its English wording and said again with
/// <c>T()</c>, keeping the names in it (stages, products, files, people). What people typed (calls, emails, meetings,
/// note text) and wordings not recognised (renamed since, cut short, or ambiguous) show as stored.
/// </summary>
public static partial class ActivityTitles
{
    /// <summary>A title Core writes: its English with placeholders, and the same sentence in the reader's language.</summary>
    private sealed class Known(ActivityType type, string english, Func<string[], string> say)
    {
        public ActivityType Type { get; } = type;
        public Regex Shortest { get; } = Pattern(english, "(.*?)");
        public Regex Longest { get; } = Pattern(english, "(.*)");
        public Func<string[], string> Say { get; } = say;
    }

    // A "(bulk)" wording before the plain one, which would take "(bulk)" for part of a name.
    private static readonly Known[] Titles =
    [
        new(ActivityType.Created, "Lead created", _ => T("Lead created")),
        new(ActivityType.Note, "Note added", _ => T("Note added")),
        new(ActivityType.Converted, "Lead converted", _ => T("Lead converted")),
        new(ActivityType.Reopened, "Lead reopened", _ => T("Lead reopened")),
        new(ActivityType.Deleted, "Lead moved to the trash (bulk)", _ => T("Lead moved to the trash (bulk)")),
        new(ActivityType.Deleted, "Lead moved to the trash", _ => T("Lead moved to the trash")),
        new(ActivityType.Restored, "Lead restored from the trash (bulk)", _ => T("Lead restored from the trash (bulk)")),
        new(ActivityType.Restored, "Lead restored from the trash", _ => T("Lead restored from the trash")),
        new(ActivityType.OwnerChanged, "Owner changed (bulk)", _ => T("Owner changed (bulk)")),
        new(ActivityType.OwnerChanged, "Owner changed", _ => T("Owner changed")),
        new(ActivityType.OwnerChanged, "Owner set by the {0} stage", a => T("Owner set by the {0} stage", a[0])),
        new(ActivityType.StageChanged, "Moved from {0} to {1} (bulk)", a => T("Moved from {0} to {1} (bulk)", a[0], a[1])),
        new(ActivityType.StageChanged, "Moved from {0} to {1}", a => T("Moved from {0} to {1}", a[0], a[1])),
        new(ActivityType.Disqualified, "Disqualified: {0}", a => T("Disqualified: {0}", ReasonNames.OfName(a[0]))),
        new(ActivityType.Document, "Uploaded {0}", a => T("Uploaded {0}", a[0])),
        new(ActivityType.Document, "Removed {0}", a => T("Removed {0}", a[0])),
        new(ActivityType.Product, "Added {0}", a => T("Added {0}", a[0])),
        new(ActivityType.Product, "Removed {0}", a => T("Removed {0}", a[0])),
        new(ActivityType.Team, "{0} joined the team as {1}", a => T("{0} joined the team as {1}", a[0], a[1])),
        new(ActivityType.Team, "{0} left the team", a => T("{0} left the team", a[0])),
        new(ActivityType.FormSubmitted, "Submitted the web form “{0}” again", a => T("Submitted the web form “{0}” again", a[0])),
    ];

    // The details of "Lead created": how it came in (a channel's code) and from which source.
    private static readonly Known[] CreatedDetails =
    [
        new(ActivityType.Created, "via {0}, source {1}", a => T("via {0}, source {1}", ChannelOf(a[0]), a[1])),
        new(ActivityType.Created, "via {0}", a => T("via {0}", ChannelOf(a[0]))),
    ];

    public static string Title(ActivityView activity) => Say(Titles, activity.Type, activity.Title);

    public static string? Details(ActivityView activity) =>
        activity is { Type: ActivityType.Created, Details: { } details } ? Say(CreatedDetails, ActivityType.Created, details) : activity.Details;

    private static string Say(Known[] known, ActivityType type, string stored)
    {
        foreach (var wording in known.Where(k => k.Type == type))
        {
            var parts = Parts(wording.Shortest.Match(stored));
            if (parts is null)
            {
                continue;
            }
            // Names that contain the wording's own words ("to") can be split two ways: then it stays as stored.
            return parts.SequenceEqual(Parts(wording.Longest.Match(stored))!) ? wording.Say(parts) : stored;
        }
        return stored;
    }

    private static string[]? Parts(Match match) => match.Success ? match.Groups.Values.Skip(1).Select(g => g.Value).ToArray() : null;

    private static string ChannelOf(string code) =>
        Enum.TryParse<LeadChannel>(code, ignoreCase: true, out var channel) && Enum.IsDefined(channel) ? Display.Channel(channel) : code;

    private static Regex Pattern(string english, string part) =>
        new("^" + string.Join(part, Placeholder().Split(english).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();
}
