using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class LeadListServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    /// <summary>
    /// Four leads created a day apart (Adams, Baker, Clark, Dunn), differing in every filtered field;
    /// Dunn is in the Partners pipeline. The actor is the admin, who owns Baker. Arranged once, then only read.
    /// </summary>
    private sealed record World(WorkspaceSeed Acme, PipelineSeed Partners, Guid AdminId, Guid RepId, DateOnly Day1);

    private static async Task<World> ArrangeAsync(CoreFixture fixture)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var partners = await TestData.PipelineAsync(fixture, acme, "Partners");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var day1 = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        await TestData.LeadAsync(fixture, acme, "Amy", l =>
        {
            (l.LastName, l.OwnerId, l.Priority, l.Source, l.Score, l.EstimatedValue) = ("Adams", repId, LeadPriority.High, "web", 10, 100m);
        });
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await TestData.LeadAsync(fixture, acme, "Ben", l =>
        {
            (l.LastName, l.OwnerId, l.Priority, l.Source, l.Score, l.EstimatedValue) = ("Baker", adminId, LeadPriority.Low, "referral", 50, 300m);
            l.StageId = acme.SecondStageId;
        });
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await TestData.LeadAsync(fixture, acme, "Cid", l =>
        {
            (l.LastName, l.Priority, l.Score, l.EstimatedValue) = ("Clark", LeadPriority.Medium, 90, 200m);
            l.SetOutcome(LeadStatus.Disqualified);
        });
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await TestData.LeadAsync(fixture, acme, "Dot", l =>
        {
            (l.LastName, l.OwnerId, l.Priority, l.Source, l.Score, l.EstimatedValue) = ("Dunn", repId, LeadPriority.Critical, "web", 70, 400m);
            l.SetOutcome(LeadStatus.Converted);
            (l.PipelineId, l.StageId) = (partners.PipelineId, partners.FirstStageId);
        });
        return new World(acme, partners, adminId, repId, day1);
    }

    private static async Task<WorkspaceSeed> ThreeContactsAsync(CoreFixture fixture)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "Zoë", l => (l.LastName, l.Email, l.Company, l.Phone) = ("Ångström", "zoe@nordic.example", "Fjord AB", "+4712345678"));
        await TestData.LeadAsync(fixture, acme, "Bob", l => (l.LastName, l.Email, l.Company, l.Phone) = ("Builder", "bob@builders.example", "Builders Inc", "+15551234567"));
        await TestData.LeadAsync(fixture, acme, "Carol", l => (l.LastName, l.Email, l.Company) = ("Smith", "carol@acme.example", "ACME Corp"));
        return acme;
    }

    private static async Task<WorkspaceSeed> SevenLeadsAsync(CoreFixture fixture)
    {
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.ManyLeadsAsync(fixture, acme, 7, acme.FirstStageId);
        return acme;
    }

    private static async Task<List<string>> LastNamesAsync(CoreFixture fixture, World world, LeadListQuery query)
    {
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId, world.AdminId);
        var page = await scope.Get<LeadListService>().SearchAsync(query);
        Assert.Equal(page.Rows.Count, page.Total);
        return page.Rows.Select(r => r.LastName).ToList();
    }

    [Theory]
    [InlineData("zoë", "Ångström")]
    [InlineData("ÅNGSTRÖM", "Ångström")]
    [InlineData("Zoë Ångström", "Ångström")]
    [InlineData("  zoe@NORDIC  ", "Ångström")]
    [InlineData("fjord", "Ångström")]
    [InlineData("BUILDERS", "Builder")]
    [InlineData("5551234", "Builder")]
    [InlineData("+1 (555) 123-4567", "Builder")]
    [InlineData("555-123", "Builder")]
    [InlineData("smith", "Smith")]
    [InlineData("acme", "Smith")]
    public async Task Search_MatchesNameEmailCompanyOrPhone_IgnoringCase(string term, string expected)
    {
        var fixture = database.Fixture;
        var acme = await database.ArrangedOnceAsync("three contacts", ThreeContactsAsync);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { Search = term });

        Assert.Equal(expected, Assert.Single(page.Rows).LastName);
    }

    [Fact]
    public async Task Search_WithNoMatch_IsEmpty()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { Search = "nobody" });

        Assert.Equal((0, 1, 1), (page.Total, page.Page, page.PageCount));
        Assert.Empty(page.Rows);
    }

    [Fact]
    public async Task Search_FindsALeadByItsNewName_AfterAnUpdate()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(id);
            await scope.Get<LeadService>().UpdateAsync(id, lead.ToInput() with { LastName = "Öberg", Company = "Nordlys" }, lead.Version);
        }
        await using var read = fixture.ScopeAs(acme.WorkspaceId);

        var byName = await read.Get<LeadListService>().SearchAsync(new LeadListQuery { Search = "ÖBERG" });
        var byOldName = await read.Get<LeadListService>().SearchAsync(new LeadListQuery { Search = "tester" });

        Assert.Equal(id, Assert.Single(byName.Rows).Id);
        Assert.Empty(byOldName.Rows);
    }

    [Fact]
    public async Task NoFilter_ListsEveryLead_NewestFirst()
    {
        var fixture = database.Fixture;
        var world = await database.ArrangedOnceAsync("four leads", ArrangeAsync);

        var names = await LastNamesAsync(fixture, world, new LeadListQuery());

        Assert.Equal(["Dunn", "Clark", "Baker", "Adams"], names);
    }

    [Theory]
    [InlineData("stage", "Baker")]
    [InlineData("pipeline", "Dunn")]
    [InlineData("owner:me", "Baker")]
    [InlineData("owner:none", "Clark")]
    [InlineData("owner:rep", "Adams Dunn")]
    [InlineData("owner:not-a-guid", "")]
    [InlineData("priority", "Adams")]
    [InlineData("source", "Adams Dunn")]
    [InlineData("status:open", "Adams Baker")]
    [InlineData("status:disqualified", "Clark")]
    [InlineData("status:converted", "Dunn")]
    [InlineData("score:50-80", "Baker Dunn")]
    [InlineData("score:min60", "Clark Dunn")]
    [InlineData("score:max10", "Adams")]
    [InlineData("created:day2-day3", "Baker Clark")]
    [InlineData("created:from-day3", "Clark Dunn")]
    [InlineData("created:to-day1", "Adams")]
    [InlineData("combined", "Adams")]
    public async Task Filter_ShowsOnlyTheMatchingLeads(string filter, string expected)
    {
        var fixture = database.Fixture;
        var world = await database.ArrangedOnceAsync("four leads", ArrangeAsync);
        var day1 = world.Day1;
        var query = new LeadListQuery { Sort = LeadSort.Name, Descending = false };
        query = filter switch
        {
            "stage" => query with { StageId = world.Acme.SecondStageId },
            "pipeline" => query with { PipelineId = world.Partners.PipelineId },
            "owner:me" => query with { Owner = LeadFilter.OwnerMe },
            "owner:none" => query with { Owner = LeadFilter.OwnerNone },
            "owner:rep" => query with { Owner = world.RepId.ToString() },
            "owner:not-a-guid" => query with { Owner = "someone" },
            "priority" => query with { Priority = LeadPriority.High },
            "source" => query with { Source = " web " },
            "status:open" => query with { Status = LeadStatus.Open },
            "status:disqualified" => query with { Status = LeadStatus.Disqualified },
            "status:converted" => query with { Status = LeadStatus.Converted },
            "score:50-80" => query with { ScoreMin = 50, ScoreMax = 80 },
            "score:min60" => query with { ScoreMin = 60 },
            "score:max10" => query with { ScoreMax = 10 },
            "created:day2-day3" => query with { CreatedFrom = day1.AddDays(1), CreatedTo = day1.AddDays(2) },
            "created:from-day3" => query with { CreatedFrom = day1.AddDays(2) },
            "created:to-day1" => query with { CreatedTo = day1 },
            "combined" => query with { Owner = world.RepId.ToString(), Source = "web", Status = LeadStatus.Open, ScoreMax = 50 },
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };

        var names = await LastNamesAsync(fixture, world, query);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), names);
    }

    [Theory]
    [InlineData(LeadSort.Name, false, "Adams Baker Clark Dunn")]
    [InlineData(LeadSort.Name, true, "Dunn Clark Baker Adams")]
    [InlineData(LeadSort.Value, false, "Adams Clark Baker Dunn")]
    [InlineData(LeadSort.Value, true, "Dunn Baker Clark Adams")]
    [InlineData(LeadSort.Score, false, "Adams Baker Dunn Clark")]
    [InlineData(LeadSort.Score, true, "Clark Dunn Baker Adams")]
    [InlineData(LeadSort.Created, false, "Adams Baker Clark Dunn")]
    [InlineData(LeadSort.Created, true, "Dunn Clark Baker Adams")]
    public async Task Sort_OrdersTheLeads_InBothDirections(LeadSort sort, bool descending, string expected)
    {
        var fixture = database.Fixture;
        var world = await database.ArrangedOnceAsync("four leads", ArrangeAsync);

        var names = await LastNamesAsync(fixture, world, new LeadListQuery { Sort = sort, Descending = descending });

        Assert.Equal(expected.Split(' '), names);
    }

    [Fact]
    public async Task Sort_ByName_UsesTheFirstNameWhenLastNamesTie()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "Cleo", l => l.LastName = "Smith");
        await TestData.LeadAsync(fixture, acme, "Adam", l => l.LastName = "Smith");
        await TestData.LeadAsync(fixture, acme, "Bea", l => l.LastName = "Jones");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { Sort = LeadSort.Name, Descending = false });

        Assert.Equal(["Bea Jones", "Adam Smith", "Cleo Smith"], page.Rows.Select(r => r.FullName));
    }

    [Fact]
    public async Task Paging_SplitsTheLeadsIntoPagesWithoutOverlap()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var ids = await TestData.ManyLeadsAsync(fixture, acme, 7, acme.FirstStageId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var service = scope.Get<LeadListService>();

        var pages = new List<LeadListPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await service.SearchAsync(new LeadListQuery { Page = page, PageSize = 3 }));
        }

        Assert.All(pages, p => Assert.Equal((7, 3, 3), (p.Total, p.PageSize, p.PageCount)));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Rows.Count));
        Assert.Equal(ids.Order(), pages.SelectMany(p => p.Rows).Select(r => r.Id).Order());
    }

    [Theory]
    [InlineData(99, 3, 3, 1)]
    [InlineData(0, 3, 1, 3)]
    [InlineData(-5, 3, 1, 3)]
    public async Task Paging_ClampsThePageToTheOnesThatExist(int asked, int pageSize, int expectedPage, int expectedRows)
    {
        var fixture = database.Fixture;
        var acme = await database.ArrangedOnceAsync("seven leads", SevenLeadsAsync);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { Page = asked, PageSize = pageSize });

        Assert.Equal((expectedPage, expectedRows, 7), (page.Page, page.Rows.Count, page.Total));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(100_000, LeadListQuery.MaxPageSize)]
    public async Task Paging_ClampsThePageSize(int asked, int expected)
    {
        var fixture = database.Fixture;
        var acme = await database.ArrangedOnceAsync("seven leads", SevenLeadsAsync);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { PageSize = asked });

        Assert.Equal(expected, page.PageSize);
    }

    [Fact]
    public async Task Rows_CarryTheStageAndOwnerNames()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rita", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(fixture, acme, "Alice", secondStage: true, ownerId: repId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var row = Assert.Single((await scope.Get<LeadListService>().SearchAsync(new LeadListQuery())).Rows);

        Assert.Equal(("Qualified", "#7a9a3c", "rita"), (row.StageName, row.StageColor, row.OwnerName));
    }

    [Fact]
    public async Task Trash_ShowsOnlyDeletedLeads_MostRecentlyDeletedFirst()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob");
        var carol = await TestData.LeadAsync(fixture, acme, "Carol");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadService>().DeleteAsync(bob);
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await scope.Get<LeadService>().DeleteAsync(alice);
        }
        await using var read = fixture.ScopeAs(acme.WorkspaceId);

        var trash = await read.Get<LeadListService>().SearchAsync(new LeadListQuery { Trash = true });
        var list = await read.Get<LeadListService>().SearchAsync(new LeadListQuery());

        Assert.Equal([alice, bob], trash.Rows.Select(r => r.Id));
        Assert.All(trash.Rows, r => Assert.NotNull(r.DeletedAt));
        Assert.Equal([carol], list.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Trash_AppliesTheFilters()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob");
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<BulkLeadService>().DeleteAsync([alice, bob]);
        }
        await using var read = fixture.ScopeAs(acme.WorkspaceId);

        var trash = await read.Get<LeadListService>().SearchAsync(new LeadListQuery { Trash = true, Search = "bob" });

        Assert.Equal([bob], trash.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Sources_ListsTheDistinctSourcesInUse()
    {
        var fixture = database.Fixture;
        var world = await database.ArrangedOnceAsync("four leads", ArrangeAsync);
        await using var scope = fixture.ScopeAs(world.Acme.WorkspaceId);

        var sources = await scope.Get<LeadListService>().SourcesAsync();

        Assert.Equal(["referral", "web"], sources);
    }
}
