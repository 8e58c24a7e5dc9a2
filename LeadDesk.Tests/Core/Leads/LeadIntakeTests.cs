using FluentValidation;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Leads;

/// <summary>The one duplicate rule of every entry point, enforced by the database even for simultaneous requests.</summary>
public sealed class LeadIntakeTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    private static NewLead Person(string email, string? phone = null) => new() { FirstName = "Maria", LastName = "Silva", Email = email, Phone = phone, Channel = LeadChannel.Api };

    [Fact]
    public async Task UseExisting_AnswersWithTheLeadThatHasTheEmailOrPhone_AndCreatesNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture);
        var known = await TestData.LeadAsync(fixture, acme, "Known", l => l.Phone = "+5511999998888");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var byEmail = await scope.Get<LeadIntake>().AddAsync(Person("KNOWN@example.com "), DuplicateRule.UseExisting);
        var byPhone = await scope.Get<LeadIntake>().AddAsync(Person("someone.else@example.com", "5511999998888"), DuplicateRule.UseExisting);

        Assert.Equal(new IntakeResult(known, false), byEmail);
        Assert.Equal(new IntakeResult(known, false), byPhone);
        Assert.Equal(1, await scope.Get<LeadDeskDbContext>().Leads.CountAsync());
    }

    [Fact]
    public async Task RefuseKnown_RefusesOnTheEmailField_AndAllow_CreatesTheSecondLead()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture);
        await TestData.LeadAsync(fixture, acme, "Known");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var intake = scope.Get<LeadIntake>();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => intake.AddAsync(Person("known@example.com"), DuplicateRule.RefuseKnown));
        var allowed = await intake.AddAsync(Person("known@example.com"), DuplicateRule.Allow);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((nameof(NewLead.Email), LeadIntake.KnownContactMessage), (error.PropertyName, error.ErrorMessage));
        Assert.True(allowed.Created);
        Assert.Equal(2, await scope.Get<LeadDeskDbContext>().Leads.CountAsync(l => l.Email == "known@example.com"));
    }

    [Fact]
    public async Task ALeadInTheTrash_IsNotAKnownContact()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture);
        var trashed = await TestData.LeadAsync(fixture, acme, "Gone", l => l.Trash());
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var added = await scope.Get<LeadIntake>().AddAsync(Person("gone@example.com"), DuplicateRule.UseExisting);

        Assert.True(added.Created);
        Assert.NotEqual(trashed, added.LeadId);
    }

    [Fact]
    public async Task ManySimultaneousAdds_OfTheSamePerson_MakeOneLead()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = fixture.ScopeAs(acme.WorkspaceId);
            // Half by email, half by phone with the email too: every one of them is the same person.
            return await scope.Get<LeadIntake>().AddAsync(Person("race@example.com", i % 2 == 0 ? null : "+1 415 555 0199"), DuplicateRule.UseExisting);
        }));

        var created = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(created.LeadId, r.LeadId));
        await using var check = fixture.ScopeAs(acme.WorkspaceId);
        Assert.Equal(1, await check.Get<LeadDeskDbContext>().Leads.CountAsync());
    }

    [Fact]
    public async Task LockingContacts_OutsideAWriteTransaction_IsAMistake()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, role: WorkspaceRole.Admin);

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<LeadIntake>().LockContactsAsync(["e:x@example.com"]));
    }
}
