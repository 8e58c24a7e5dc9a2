using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Core.Trash;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadDesk.Tests.Core.Trash.LeadPartsKit;

namespace LeadDesk.Tests.Core.Privacy;

/// <summary>"Erase this person": every trace in every table, the erasure's log, and who may do it.</summary>
public sealed class LeadErasureServiceTests(TrashDatabase database) : IClassFixture<TrashDatabase>
{
    private const string Erased = LeadErasureService.Erased;

    [Fact]
    public async Task Erase_RemovesTheLeadItsPartsAndFile_AndThePersonsValuesFromEveryTable()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        // Another person's lead, where this one's email once was (a typo, since fixed) and whose notes, calls and
        // stage fields mention them; its webhook deliveries carry that old email.
        var other = await LeadAsync(fixture, world);
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            var leads = scope.Get<LeadService>();
            var details = await leads.GetAsync(other.LeadId);
            await leads.UpdateAsync(other.LeadId, details.ToInput() with { Email = person.Email }, null);
            await leads.UpdateAsync(other.LeadId, details.ToInput(), null);
            await scope.Get<NoteService>().AddAsync(other.LeadId, $"Referred by {person.Name} ({person.Email}, {person.Phone}).");
            await scope.Get<ActivityService>().LogAsync(other.LeadId, new LogActivity(ActivityType.Meeting, $"Lunch with {person.Name.ToUpperInvariant()}",
                $"Call {person.Phone} first", fixture.Clock.GetUtcNow().UtcDateTime));
            await scope.Get<LeadStageService>().ChangeStageAsync(other.LeadId, world.Workspace.SecondStageId, new Dictionary<string, string?> { [StageFieldKey] = person.Email });
        }
        var otherBefore = await TracesAsync(fixture, world, other);
        var textsBefore = await TextsOfAsync(fixture, world, other.LeadId);
        Assert.NotEmpty(await MentionsAsync(fixture, person.Email, person.Phone, person.Name));
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        var result = await EraseAsAdminAsync(fixture, world, person.LeadId);

        Assert.Equal(Traces.None, await TracesAsync(fixture, world, person));
        Assert.Empty(await MentionsAsync(fixture, person.Email, person.Phone.TrimStart('+'), person.Name, person.LeadId.ToString()));
        Assert.Equal(["LeadErasures.LeadId"], await ReferencesAsync(fixture, person.LeadId));
        Assert.Equal(otherBefore, await TracesAsync(fixture, world, other));
        var textsAfter = await TextsOfAsync(fixture, world, other.LeadId);
        Assert.Contains($"Referred by {Erased} ({Erased}, {Erased}).", textsAfter);
        Assert.Contains($"Lunch with {Erased}", textsAfter);
        Assert.Contains($"Call {Erased} first", textsAfter);
        var changed = textsBefore.Zip(textsAfter).Count(pair => pair.First != pair.Second);
        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var erasure = await read.Get<LeadDeskDbContext>().LeadErasures.SingleAsync(e => e.LeadId == person.LeadId);
        Assert.Equal((result.ErasureId, fixture.Clock.GetUtcNow().UtcDateTime, world.AdminId, (Guid?)null, changed),
            (erasure.Id, erasure.ErasedAt, erasure.ErasedById, erasure.ErasedByTokenId, erasure.MentionsErased));
        Assert.Equal((changed, 0), (result.MentionsErased, result.SameContactLeadIds.Count));
        Assert.True(changed >= 7, $"only {changed} texts changed");
    }

    [Fact]
    public async Task Erase_OfALeadInTheTrash_RemovesItToo()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        await DeleteAsync(fixture, world, person.LeadId);

        await EraseAsAdminAsync(fixture, world, person.LeadId);

        Assert.Equal(Traces.None, await TracesAsync(fixture, world, person));
    }

    [Fact]
    public async Task Erase_LeavesANamesakesAndADuplicatesOwnValues_AndNamesTheLeadsWithTheSameEmailOrPhone()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var first = UniqueName("Ana");
        var person = await LeadAsync(fixture, world, first, "Souza");
        var namesake = await LeadAsync(fixture, world, first, "Souza"); // another Ana Souza, with her own email and phone
        var duplicate = await TestData.LeadAsync(fixture, world.Workspace, UniqueName("Duplicate"), l => l.Phone = person.Phone);
        var third = await TestData.LeadAsync(fixture, world.Workspace, UniqueName("Third"));
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            await scope.Get<NoteService>().AddAsync(duplicate, $"Same phone as the other record: {person.Phone}.");
            await scope.Get<NoteService>().AddAsync(third, $"Met {person.Name} at the fair; {person.Phone}.");
        }

        var result = await EraseAsAdminAsync(fixture, world, person.LeadId);

        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var notes = read.Get<NoteService>();
        Assert.Equal([duplicate], result.SameContactLeadIds);
        Assert.Equal($"Spoke with {person.Name} about the licence.", Assert.Single(await notes.ListAsync(namesake.LeadId)).Body);
        Assert.Equal($"Same phone as the other record: {person.Phone}.", Assert.Single(await notes.ListAsync(duplicate)).Body);
        // A third lead's note may mean either Ana Souza: it is blanked, erring on the side of the erasure.
        Assert.Equal($"Met {Erased} at the fair; {Erased}.", Assert.Single(await notes.ListAsync(third)).Body);
        Assert.Equal((namesake.Name, person.Phone), ((await read.Get<LeadService>().GetAsync(namesake.LeadId)).FullName, (await read.Get<LeadService>().GetAsync(duplicate)).Phone));
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task Erase_ByAMemberWhoIsNotAnAdmin_IsForbidden_AndChangesNothing(WorkspaceRole role)
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        var member = await TestData.MemberAsync(fixture, world.Workspace, "member", role);
        var before = await TracesAsync(fixture, world, person);
        await using var scope = fixture.ScopeAs(world.WorkspaceId, member, role);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<LeadErasureService>().EraseAsync(person.LeadId));
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<LeadErasureService>().ListAsync());

        Assert.Equal(before, await TracesAsync(fixture, world, person));
    }

    [Fact]
    public async Task Erase_ByATokenWithoutSettingsWrite_IsForbidden_AndWithIt_IsLoggedAsTheToken()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        NewApiToken token;
        await using (var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId))
        {
            token = await scope.Get<ApiTokenService>().CreateAsync("Privacy desk", ApiScopes.All, null);
        }

        await using (var leadsOnly = fixture.Services.CreateAsyncScope())
        {
            leadsOnly.Get<CurrentActor>().SetMachine(world.WorkspaceId, token.Token.Id, ApiScopes.PermissionsOf([ApiScopes.LeadsRead, ApiScopes.LeadsWrite, ApiScopes.SettingsRead]));
            await Assert.ThrowsAsync<ForbiddenException>(() => leadsOnly.Get<LeadErasureService>().EraseAsync(person.LeadId));
        }
        Assert.Equal(1, (await TracesAsync(fixture, world, person)).Leads);
        await using (var settingsWrite = fixture.Services.CreateAsyncScope())
        {
            settingsWrite.Get<CurrentActor>().SetMachine(world.WorkspaceId, token.Token.Id, ApiScopes.PermissionsOf([ApiScopes.SettingsWrite]));
            await settingsWrite.Get<LeadErasureService>().EraseAsync(person.LeadId);
        }

        Assert.Equal(Traces.None, await TracesAsync(fixture, world, person));
        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var listed = Assert.Single(await read.Get<LeadErasureService>().ListAsync(), e => e.LeadId == person.LeadId);
        Assert.Equal("API token Privacy desk", listed.ErasedBy);
    }

    [Fact]
    public async Task Erase_OfAnotherWorkspacesLead_IsNotFound_AndChangesNothing()
    {
        var fixture = database.Fixture;
        var acme = await WorldAsync(fixture, "acme");
        var globex = await WorldAsync(fixture, "globex");
        var person = await LeadAsync(fixture, acme);
        var before = await TracesAsync(fixture, acme, person);
        await using var scope = fixture.ScopeAs(globex.WorkspaceId, globex.AdminId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<LeadErasureService>().EraseAsync(person.LeadId));

        Assert.Equal(before, await TracesAsync(fixture, acme, person));
        Assert.Empty(await scope.Get<LeadErasureService>().ListAsync());
    }

    [Theory]
    [InlineData("someone else")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Erase_ConfirmedWithSomethingOtherThanTheNameOrEmail_IsRefused_AndChangesNothing(string typed)
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        var before = await TracesAsync(fixture, world, person);
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadErasureService>().EraseAsync(person.LeadId, typed));

        Assert.Equal("confirmation", Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(before, await TracesAsync(fixture, world, person));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Erase_ConfirmedWithTheNameOrTheEmail_InAnyCase_Erases(bool byEmail)
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var person = await LeadAsync(fixture, world);
        await EraseAsAdminAsync(fixture, world, person.LeadId, $"  {(byEmail ? person.Email : person.Name).ToUpperInvariant()} ");

        Assert.Equal(Traces.None, await TracesAsync(fixture, world, person));
    }

    [Fact]
    public async Task List_ShowsTheWorkspacesErasures_NewestFirst_WithWhoErasedThem()
    {
        var fixture = database.Fixture;
        var world = await WorldAsync(fixture);
        var first = await LeadAsync(fixture, world);
        var second = await LeadAsync(fixture, world);
        await EraseAsAdminAsync(fixture, world, first.LeadId);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await EraseAsAdminAsync(fixture, world, second.LeadId);

        await using var read = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var listed = await read.Get<LeadErasureService>().ListAsync();

        Assert.Equal([second.LeadId, first.LeadId], listed.Select(e => e.LeadId));
        Assert.All(listed, e => Assert.Equal("admin", e.ErasedBy));
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, listed[0].ErasedAt);
    }

    private static async Task<ErasureResult> EraseAsAdminAsync(CoreFixture fixture, PartsWorld world, Guid leadId, string? confirmation = null)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        return await scope.Get<LeadErasureService>().EraseAsync(leadId, confirmation);
    }

    /// <summary>Every text of a lead's notes, activities, history and stage values, in a stable order.</summary>
    private static async Task<List<string?>> TextsOfAsync(CoreFixture fixture, PartsWorld world, Guid leadId)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId);
        var db = scope.Get<LeadDeskDbContext>();
        var notes = await db.LeadNotes.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(n => n.LeadId == leadId).OrderBy(n => n.Id).Select(n => (string?)n.Body).ToListAsync();
        var activities = (await db.LeadActivities.Where(a => a.LeadId == leadId).OrderBy(a => a.Id).Select(a => new { a.Title, a.Details }).ToListAsync())
            .SelectMany(a => new[] { a.Title, a.Details });
        var history = (await db.LeadHistory.Where(h => h.LeadId == leadId).OrderBy(h => h.Id).Select(h => new { h.OldValue, h.NewValue }).ToListAsync())
            .SelectMany(h => new[] { h.OldValue, h.NewValue });
        var values = await db.LeadStageValues.Where(v => v.LeadId == leadId).OrderBy(v => v.Id).Select(v => (string?)v.Value).ToListAsync();
        var payloads = await db.WebhookDeliveries.Where(d => d.LeadId == leadId).OrderBy(d => d.Id).Select(d => (string?)d.Payload).ToListAsync();
        return [.. notes, .. activities, .. history, .. values, .. payloads];
    }
}
