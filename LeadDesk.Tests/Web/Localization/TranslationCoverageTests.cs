using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LeadDesk.Tests.Web.Localization;

/// <summary>
/// The English text in the code is the key of each translation, so these tests read the sources: every text passed to
/// <c>T("…")</c> has its Portuguese, every Portuguese entry is still used, and both carry the same placeholders.
/// </summary>
public sealed partial class TranslationCoverageTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string, string> Projects => new()
    {
        { "LeadDesk.Web", "LeadDesk.Web/Localization/Ui.pt-BR.resx" },
        { "LeadDesk.Core", "LeadDesk.Core/Localization/Messages.pt-BR.resx" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_text_in_the_code_has_its_Portuguese(string project, string resx)
    {
        var translated = Translations(resx);
        var missing = TextsIn(project).Where(text => !translated.ContainsKey(text)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts of {project} have no Portuguese in {resx}:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_Portuguese_entry_is_used(string project, string resx)
    {
        var used = TextsIn(project).ToHashSet();
        var unused = Translations(resx).Keys.Where(key => !used.Contains(key) && !MudBlazorKey().IsMatch(key)).Order().ToList();
        Assert.True(unused.Count == 0, $"{unused.Count} entries of {resx} are used nowhere in {project}:\n" + string.Join("\n", unused));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Translations_keep_the_placeholders(string project, string resx)
    {
        _ = project;
        var broken = Translations(resx)
            .Where(t => string.IsNullOrWhiteSpace(t.Value) || (!MudBlazorKey().IsMatch(t.Key) && !Placeholders(t.Key).SetEquals(Placeholders(t.Value))))
            .Select(t => $"{t.Key} → {t.Value}")
            .ToList();
        Assert.True(broken.Count == 0, "Translations whose placeholders differ from the English, or that are empty:\n" + string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Texts_are_literals_so_they_can_be_found(string project, string resx)
    {
        _ = resx;
        var computed = Sources(project)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}Localization{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => ComputedText().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();
        Assert.True(computed.Count == 0, "T() takes a literal text (placeholders for the rest):\n" + string.Join("\n", computed));
    }

    private static IEnumerable<string> TextsIn(string project) =>
        Sources(project).SelectMany(file => Text().Matches(File.ReadAllText(file)).Select(m => Unescape(m.Groups["text"].Value))).Distinct();

    private static IEnumerable<string> Sources(string project) =>
        Directory.EnumerateFiles(Path.Combine(Root, project), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    internal static Dictionary<string, string> Translations(string resx) =>
        XDocument.Load(Path.Combine(Root, resx)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string Unescape(string literal) => Regex.Unescape(literal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("LeadDesk.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary><c>T("text"</c>, also <c>Messages.T("text"</c> in Core.</summary>
    [GeneratedRegex("""\bT\("(?<text>(?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex Text();

    [GeneratedRegex("""\bT\((?!")[^)]""")]
    private static partial Regex ComputedText();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>MudBlazor's own texts (its resource names), translated for its localizer.</summary>
    [GeneratedRegex(@"^(Mud[A-Za-z]+|Converter)_[A-Za-z]+$")]
    private static partial Regex MudBlazorKey();
}
