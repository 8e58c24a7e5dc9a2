using AngleSharp.Dom;
using Bunit;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Dashboard;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The dashboard for someone who reads Portuguese, in a workspace that counts in reais.</summary>
public sealed partial class DashboardFiguresTests
{
    [Fact]
    public async Task TheFigures_InPortuguese_HavePortugueseLabels_AndBrazilianNumbersAndMoney()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(database.Fixture);
        var manager = await TestData.MemberAsync(database.Fixture, acme, "manager", WorkspaceRole.Manager);
        await TestData.ManyLeadsAsync(database.Fixture, acme, 1_234, acme.FirstStageId, value: 100m);
        await TestData.LeadAsync(database.Fixture, acme, "Won", LeadStatus.Converted);
        await TestData.LeadAsync(database.Fixture, acme, "Lost", LeadStatus.Disqualified);
        await using var context = new ComponentContext(database.Fixture, manager, acme.WorkspaceId);

        var page = context.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("1.234", Text(page.Find("[data-testid=stat-open] .ld-figure-value"))));
        Assert.Equal("Painel", Text(page.Find("h1")));
        Assert.Equal(["Leads abertos", "Valor em aberto no funil", "Novos nesta semana", "Meus leads abertos", "Leads convertidos", "Leads desqualificados"],
            page.FindAll(".ld-figure a").Select(Text));
        Assert.Equal("R$ 123,4 mil", Text(page.Find("[data-testid=stat-value] .ld-figure-value")));
        Assert.Equal("R$ 123.400", page.Find("[data-testid=stat-value] .ld-figure-value").GetAttribute("title")!.Replace('\u00a0', ' '));
        Assert.Equal("1.236", Text(page.Find("[data-testid=stat-new] .ld-figure-value")));
        Assert.Equal("desde segunda-feira, 00:00 UTC", page.Find("[data-testid=stat-new] .ld-figure-value").GetAttribute("title"));
        Assert.Equal("Leads abertos por etapa · Sales", Text(page.Find("#stages-title")));
        Assert.Equal(["Etapa", "Leads", "Valor"], page.FindAll("[data-testid=stage-table] thead th").Select(Text));
        Assert.Equal(["New", "1.234", "R$ 123.400"], page.FindAll("[data-testid=stage-table] tbody tr")[0].Children.Select(Text));
        var chart = page.Find("[data-testid=stage-chart]");
        Assert.Contains("Valor em aberto", Text(chart), StringComparison.Ordinal);
        Assert.Contains("Qualified", Text(chart), StringComparison.Ordinal);
        var axis = chart.QuerySelectorAll(".mud-charts-yaxis text").Select(Text).ToList();
        Assert.All(axis, tick => Assert.Matches(@"^\d{1,3}(\.\d{3})*$", tick)); // Brazilian digits: 122.880
        Assert.Contains(axis, tick => tick.Contains('.', StringComparison.Ordinal));
    }

    /// <summary>The text as read: spaces collapsed, the no-break space of "R$ 950" as a space.</summary>
    private static string Text(IElement element) =>
        string.Join(' ', element.TextContent.Replace('\u00a0', ' ').Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
