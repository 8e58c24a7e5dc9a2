using LeadDesk.Core.Leads;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Core.Leads;

public sealed class DuplicateFinderTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task Find_ByEmail_MatchesTheNormalisedAddress()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", l => l.Email = "alice@example.com");
        await TestData.LeadAsync(fixture, acme, "Bob");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("  ALICE@Example.COM ", null));

        var match = Assert.Single(found);
        Assert.Equal((alice, DuplicateMatch.Email, true, true), (match.Id, match.Match, match.IsCertain, match.Visible));
    }

    [Fact]
    public async Task Find_ByPhone_MatchesTheNormalisedNumber()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", l => l.Phone = "+18001234567");
        await TestData.LeadAsync(fixture, acme, "Bob", l => l.Phone = "+18001234568");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery(null, "+1 (800) 123-4567"));

        var match = Assert.Single(found);
        Assert.Equal((alice, DuplicateMatch.Phone, true), (match.Id, match.Match, match.IsCertain));
    }

    [Fact]
    public async Task Find_ByNameAndCompany_IsAPossibleMatch()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", l => (l.LastName, l.Company, l.Email) = ("Smith", "Acme Ltd", "alice@acme.example"));
        await TestData.LeadAsync(fixture, acme, "Alice", l => (l.LastName, l.Company, l.Email) = ("Smith", "Globex", "alice@globex.example"));
        await TestData.LeadAsync(fixture, acme, "Alicia", l => (l.LastName, l.Company, l.Email) = ("Smith", "Acme Ltd", "alicia@acme.example"));
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("alice.smith@home.example", null, " ALICE ", "smith", "acme ltd"));

        var match = Assert.Single(found);
        Assert.Equal((alice, DuplicateMatch.NameAndCompany, false), (match.Id, match.Match, match.IsCertain));
    }

    [Fact]
    public async Task Find_ByNameAndCompany_DoesNotMatchALongerLastName()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "John", l => (l.LastName, l.Company) = ("Smithson", "Acme"));
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery(null, null, "John", "Smith", "Acme"));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Find_WithoutACompany_DoesNotMatchByName()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "Alice", l => l.Company = "Acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery(null, null, "Alice", "Tester", null));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Find_ListsCertainMatchesBeforePossibleOnes()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var byName = await TestData.LeadAsync(fixture, acme, "Alice", l => (l.Company, l.Email) = ("Acme", "other@example.com"));
        var byPhone = await TestData.LeadAsync(fixture, acme, "Bob", l => l.Phone = "+4712345678");
        var byEmail = await TestData.LeadAsync(fixture, acme, "Carol", l => l.Email = "carol@example.com");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("carol@example.com", "+47 12 34 56 78", "Alice", "Tester", "Acme"));

        Assert.Equal([byEmail, byPhone, byName], found.Select(c => c.Id));
        Assert.Equal([DuplicateMatch.Email, DuplicateMatch.Phone, DuplicateMatch.NameAndCompany], found.Select(c => c.Match));
    }

    [Fact]
    public async Task Find_LeavesOutTheExcludedLead()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice", l => l.Email = "same@example.com");
        var other = await TestData.LeadAsync(fixture, acme, "Other", l => l.Email = "same@example.com");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("same@example.com", null, ExcludeId: alice));

        Assert.Equal([other], found.Select(c => c.Id));
    }

    [Fact]
    public async Task Find_LooksOnlyInTheCurrentWorkspace_AndSkipsDeletedLeads()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        await TestData.LeadAsync(fixture, globex, "Alice", l => l.Email = "alice@example.com");
        var deleted = await TestData.LeadAsync(fixture, acme, "Alice", l => l.Email = "alice@example.com");
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadService>().DeleteAsync(deleted);
        }
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("alice@example.com", null));

        Assert.Empty(found);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("not-an-email", "12")]
    [InlineData("", "  ")]
    public async Task Find_WithNothingUsableToMatchOn_FindsNothing(string? email, string? phone)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.LeadAsync(fixture, acme, "Alice", l => (l.Email, l.Phone) = (null, "+12"));
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery(email, phone, "Alice", null, null));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Find_MarksLeadsTheActorCannotSeeAsHidden_AndShowsNothingOfThem()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var mine = await TestData.LeadAsync(fixture, acme, "Mine", l => (l.Email, l.OwnerId) = ("same@example.com", repId));
        var hidden = await TestData.LeadAsync(fixture, acme, "Hidden", l => (l.Email, l.Phone, l.Company, l.OwnerId) = ("same@example.com", "+4712345678", "Secret AS", adminId));
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("same@example.com", null));

        Assert.Equal([(mine, true), (hidden, false)], found.Select(c => (c.Id, c.Visible)).OrderBy(c => !c.Visible));
        var secret = found.Single(c => !c.Visible);
        Assert.Equal(DuplicateMatch.Email, secret.Match);
        Assert.Equal(("", "", null, null, null), (secret.FirstName, secret.LastName, secret.Email, secret.Phone, secret.Company));
        Assert.Equal("Mine", found.Single(c => c.Visible).FirstName);
    }

    [Fact]
    public async Task Find_ForAManager_ShowsEveryMatch()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);
        var managerId = await TestData.MemberAsync(fixture, acme, "manager", WorkspaceRole.Manager);
        await TestData.LeadAsync(fixture, acme, "Theirs", l => (l.Email, l.OwnerId) = ("same@example.com", adminId));
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
        }
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager);

        var found = await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("same@example.com", null));

        var match = Assert.Single(found);
        Assert.Equal(("Theirs", "admin", true), (match.FirstName, match.OwnerName, match.Visible));
    }
}
