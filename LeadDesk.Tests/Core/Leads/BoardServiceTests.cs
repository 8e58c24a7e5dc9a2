using LeadDesk.Core.Board;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class BoardServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task Columns_CountAndSumEveryOpenLead_NotOnlyTheCardsShown()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.ManyLeadsAsync(fixture, acme, 60, acme.FirstStageId, value: 10.25m);
        await TestData.LeadAsync(fixture, acme, "NoValue");
        await TestData.LeadAsync(fixture, acme, "Second", value: 5m, secondStage: true);
        await TestData.LeadAsync(fixture, acme, "Third", value: 7m, secondStage: true);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter());

        Assert.NotNull(board);
        Assert.Equal("Sales", board.Pipeline.Name);
        Assert.Equal(["new", "qualified"], board.Columns.Select(c => c.Stage.Key));
        var first = board.Columns[0];
        Assert.Equal((61, 615m, BoardService.CardsPerColumn, true), (first.Count, first.Value, first.Cards.Count, first.HasMore));
        var second = board.Columns[1];
        Assert.Equal((2, 12m, 2, false), (second.Count, second.Value, second.Cards.Count, second.HasMore));
    }

    [Fact]
    public async Task Columns_LeaveOutConvertedDisqualifiedAndDeletedLeads()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var open = await TestData.LeadAsync(fixture, acme, "Open", value: 1m);
        await TestData.LeadAsync(fixture, acme, "Converted", LeadStatus.Converted, value: 10m);
        await TestData.LeadAsync(fixture, acme, "Disqualified", LeadStatus.Disqualified, value: 100m);
        var deleted = await TestData.LeadAsync(fixture, acme, "Deleted", value: 1000m);
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadService>().DeleteAsync(deleted);
        }
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter { Status = LeadStatus.Converted });

        var column = board!.Columns[0];
        Assert.Equal((1, 1m), (column.Count, column.Value));
        Assert.Equal([open], column.Cards.Select(c => c.Id));
    }

    [Fact]
    public async Task Cards_AreNewestFirst_WithTheirOwnersName()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rita", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(fixture, acme, "Older", ownerId: repId);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await TestData.LeadAsync(fixture, acme, "Newer");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter());

        Assert.Equal(new (string, string?)[] { ("Newer", null), ("Older", "rita") }, board!.Columns[0].Cards.Select(c => (c.FirstName, c.OwnerName)));
    }

    [Fact]
    public async Task MoreCards_PagesThroughTheRestOfAColumn()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var ids = await TestData.ManyLeadsAsync(fixture, acme, 120, acme.FirstStageId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var service = scope.Get<BoardService>();

        var board = await service.GetAsync(new LeadFilter());
        var second = await service.MoreCardsAsync(acme.FirstStageId, new LeadFilter(), 50);
        var third = await service.MoreCardsAsync(acme.FirstStageId, new LeadFilter(), 100);
        var beyond = await service.MoreCardsAsync(acme.FirstStageId, new LeadFilter(), 150);

        Assert.Equal([50, 50, 20, 0], new[] { board!.Columns[0].Cards.Count, second.Count, third.Count, beyond.Count });
        Assert.Equal(ids.Order(), board.Columns[0].Cards.Concat(second).Concat(third).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task MoreCards_WithANegativeSkip_StartsAtTheTop()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.ManyLeadsAsync(fixture, acme, 3, acme.FirstStageId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var cards = await scope.Get<BoardService>().MoreCardsAsync(acme.FirstStageId, new LeadFilter(), -10);

        Assert.Equal(3, cards.Count);
    }

    [Fact]
    public async Task Filters_NarrowTheCountsAndTheCards()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        await TestData.LeadAsync(fixture, acme, "Mine", value: 10m, ownerId: repId);
        await TestData.LeadAsync(fixture, acme, "Theirs", value: 20m);
        await TestData.LeadAsync(fixture, acme, "MineToo", value: 40m, secondStage: true, ownerId: repId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter { Owner = LeadFilter.OwnerMe, StageId = acme.SecondStageId });

        Assert.Equal([(1, 10m), (1, 40m)], board!.Columns.Select(c => (c.Count, c.Value)));
        Assert.Equal(["Mine", "MineToo"], board.Columns.SelectMany(c => c.Cards).Select(c => c.FirstName));
    }

    [Fact]
    public async Task Board_OfAnotherPipeline_ShowsItsStagesAndLeads()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var partners = await TestData.PipelineAsync(fixture, acme, "Partners");
        await TestData.LeadAsync(fixture, acme, "Sales");
        await TestData.LeadAsync(fixture, acme, "Partner", l => (l.PipelineId, l.StageId) = (partners.PipelineId, partners.SecondStageId));
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter { PipelineId = partners.PipelineId });

        Assert.Equal("Partners", board!.Pipeline.Name);
        Assert.Equal([("open", 0), ("won", 1)], board.Columns.Select(c => (c.Stage.Key, c.Count)));
        Assert.Equal("Partner", Assert.Single(board.Columns[1].Cards).FirstName);
    }

    [Fact]
    public async Task Board_OfAnUnknownPipeline_ShowsTheDefaultOne()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.PipelineAsync(fixture, acme, "Partners");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter { PipelineId = Guid.NewGuid() });

        Assert.Equal(acme.PipelineId, board!.Pipeline.Id);
    }

    [Fact]
    public async Task Board_OfAWorkspaceWithoutALeadPipeline_IsNull()
    {
        var fixture = database.Fixture;
        var empty = new Workspace($"empty-{Guid.CreateVersion7():N}", "Empty");
        await using (var setup = fixture.ScopeAs(empty.Id))
        {
            setup.Get<LeadDeskDbContext>().Workspaces.Add(empty);
            await setup.Get<LeadDeskDbContext>().SaveChangesAsync();
        }
        await using var scope = fixture.ScopeAs(empty.Id);

        Assert.Null(await scope.Get<BoardService>().GetAsync(new LeadFilter()));
    }

    [Fact]
    public async Task Columns_FlagStagesWithRequiredFields()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.StageFieldAsync(fixture, acme, acme.SecondStageId, "budget", "Budget", StageFieldType.Number);
        await TestData.StageFieldAsync(fixture, acme, acme.FirstStageId, "hint", "Hint", StageFieldType.Text, isRequired: false);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var board = await scope.Get<BoardService>().GetAsync(new LeadFilter());

        Assert.Equal([false, true], board!.Columns.Select(c => c.HasRequiredFields));
    }
}
