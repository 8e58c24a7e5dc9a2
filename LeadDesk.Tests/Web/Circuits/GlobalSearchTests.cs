using Bunit;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Layout;
using LeadDesk.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits;

/// <summary>The app bar's search: leads of this workspace by name, email, company or phone, opened with a click or Enter.</summary>
public sealed class GlobalSearchTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task Typing_finds_this_workspaces_leads_and_choosing_one_opens_it()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        var zelda = await TestData.LeadAsync(Fixture, acme, "Zelda", lead => lead.Company = "Hyrule Imports");
        var other = await TestData.NewWorkspaceAsync(Fixture, "other");
        await TestData.LeadAsync(Fixture, other, "Zelda");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var search = Render(context);

        await TypeAsync(search, "zeld");

        var hits = search.Popovers.FindAll(".ld-search-hit");
        var hit = Assert.Single(hits);
        Assert.Contains("Hyrule Imports", hit.TextContent, StringComparison.Ordinal);
        await hit.ClickAsync(new());
        Assert.EndsWith($"/leads/{zelda}", context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_matches_show_the_first_eight_and_a_way_to_all_of_them_in_the_list()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        for (var i = 0; i < GlobalSearch.Shown + 2; i++)
        {
            await TestData.LeadAsync(Fixture, acme, $"Quinn{i}");
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var search = Render(context);

        await TypeAsync(search, "quinn");

        Assert.Equal(GlobalSearch.Shown, search.Popovers.FindAll(".ld-search-hit").Count);
        var all = search.Popovers.Find(".ld-search-hit-all");
        Assert.Equal("See all 10 matches in the list", all.TextContent);
        await all.ClickAsync(new());
        Assert.EndsWith("/leads?q=quinn", context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_match_says_so()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var search = Render(context);

        await TypeAsync(search, "nobody-here", waitFor: ".mud-popover-open");

        search.Popovers.WaitForAssertion(() => Assert.Contains("No lead matches this search.", search.Popovers.Find(".mud-popover-open").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task In_Portuguese_the_box_and_its_results_speak_Portuguese()
    {
        using var culture = TestCulture.Portuguese();
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        for (var i = 0; i < GlobalSearch.Shown + 1; i++)
        {
            await TestData.LeadAsync(Fixture, acme, $"João{i}");
        }
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var search = Render(context);

        Assert.Equal("Buscar leads", search.Box.Find("input").GetAttribute("placeholder"));
        await TypeAsync(search, "joão");
        Assert.Equal("Ver todos os 9 resultados na lista", search.Popovers.Find(".ld-search-hit-all").TextContent);
        Assert.Equal(Languages.Portuguese, System.Globalization.CultureInfo.CurrentUICulture.Name);
    }

    private sealed record Rendered(IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<GlobalSearch> Box);

    private static Rendered Render(ComponentContext context) => new(context.Render<MudPopoverProvider>(), context.Render<GlobalSearch>());

    /// <summary>Types as a person does (the box searches 250 ms after the last key) and waits for the results.</summary>
    private static async Task TypeAsync(Rendered search, string text, string waitFor = ".ld-search-hit")
    {
        await search.Box.Find("input").InputAsync(new() { Value = text });
        search.Popovers.WaitForElement(waitFor, Patience);
    }
}
