using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class ActivityServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Theory]
    [InlineData(ActivityType.Call)]
    [InlineData(ActivityType.Email)]
    [InlineData(ActivityType.Meeting)]
    public async Task Log_ACallEmailOrMeeting_AddsItToTheTimeline_AndCountsAsContact(ActivityType type)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        var when = fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-2);

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep))
        {
            await scope.Get<ActivityService>().LogAsync(id, new LogActivity(type, "  Intro  ", "  Talked budgets ", when));
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);
        var logged = Assert.Single(await read.Get<ActivityService>().ListAsync(id), a => a.Type == type);
        Assert.Equal(("Intro", "Talked budgets", when, "rep"), (logged.Title, logged.Details, logged.OccurredAt, logged.ActorName));
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal((when, when), (lead.LastContactAt!.Value, lead.FirstResponseAt!.Value));
    }

    [Fact]
    public async Task Log_SeveralContacts_KeepsTheFirstResponseAndTheLatestContact()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var (first, latest, between) = (now.AddDays(-3), now.AddHours(-1), now.AddDays(-2));

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<ActivityService>().LogAsync(id, new LogActivity(ActivityType.Email, "Welcome", null, first));
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<ActivityService>().LogAsync(id, new LogActivity(ActivityType.Call, "Follow-up", null, latest));
        }
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<ActivityService>().LogAsync(id, new LogActivity(ActivityType.Meeting, "Logged late", null, between));
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal((latest, first), (lead.LastContactAt!.Value, lead.FirstResponseAt!.Value));
        Assert.Equal(["Follow-up", "Logged late", "Welcome"], (await read.Get<ActivityService>().ListAsync(id)).Where(a => a.Type != ActivityType.Created).Select(a => a.Title));
    }

    [Fact]
    public async Task Log_AMeetingStillToCome_IsNotContactYet()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        await scope.Get<ActivityService>().LogAsync(id, new LogActivity(ActivityType.Meeting, "Demo", null, fixture.Clock.GetUtcNow().UtcDateTime.AddDays(2)));

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Null(lead.LastContactAt);
        Assert.Null(lead.FirstResponseAt);
        Assert.Contains(await read.Get<ActivityService>().ListAsync(id), a => a.Type == ActivityType.Meeting);
    }

    [Theory]
    [InlineData(ActivityType.Note)]
    [InlineData(ActivityType.Created)]
    [InlineData(ActivityType.StageChanged)]
    [InlineData(ActivityType.Converted)]
    [InlineData((ActivityType)99)]
    public async Task Log_AnythingButACallEmailOrMeeting_IsRejected(ActivityType type)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<ActivityService>().LogAsync(id, new LogActivity(type, "Sneaky", null, fixture.Clock.GetUtcNow().UtcDateTime)));

        Assert.Equal(["type"], error.ByField().Keys);
        Assert.Null((await scope.Get<LeadService>().GetAsync(id)).LastContactAt);
    }

    [Theory]
    [InlineData("title", null, 0)]
    [InlineData("title", "   ", 0)]
    [InlineData("title", "long", 0)]
    [InlineData("details", "long", 0)]
    [InlineData("occurredAt", "missing", 0)]
    [InlineData("occurredAt", "Call", -11 * 366)]
    [InlineData("occurredAt", "Call", 400)]
    public async Task Log_WithABadField_IsRejected(string field, string? value, int daysFromNow)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var input = new LogActivity(ActivityType.Call, "Call", null, fixture.Clock.GetUtcNow().UtcDateTime.AddDays(daysFromNow));
        input = (field, value) switch
        {
            ("title", "long") => input with { Title = new string('t', LeadActivity.TitleMaxLength + 1) },
            ("title", _) => input with { Title = value },
            ("details", _) => input with { Details = new string('d', LeadActivity.DetailsMaxLength + 1) },
            ("occurredAt", "missing") => input with { OccurredAt = null },
            _ => input,
        };

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<ActivityService>().LogAsync(id, input));

        Assert.Equal([field], error.ByField().Keys);
    }

    [Fact]
    public async Task Log_OnAnotherWorkspacesLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var theirs = await TestData.LeadAsync(fixture, globex, "Bob");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            scope.Get<ActivityService>().LogAsync(theirs, new LogActivity(ActivityType.Call, "Hi", null, fixture.Clock.GetUtcNow().UtcDateTime)));
        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<ActivityService>().ListAsync(theirs));
    }

    [Fact]
    public async Task List_IsNewestFirst_AndLimited()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            for (var i = 1; i <= 3; i++)
            {
                await scope.Get<ActivityService>().LogAsync(id, new LogActivity(ActivityType.Call, $"Call {i}", null, now.AddDays(-10 + i)));
            }
        }
        await using var read = fixture.ScopeAs(acme.WorkspaceId);

        var two = await read.Get<ActivityService>().ListAsync(id, limit: 2);
        var none = await read.Get<ActivityService>().ListAsync(id, limit: 0);

        Assert.Equal(["Call 3", "Call 2"], two.Select(a => a.Title));
        Assert.Single(none);
    }
}
