using FluentValidation;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Phones;

/// <summary>
/// Phones through the services, in a workspace's region: stored as E.164, refused only when no number, one person
/// whatever the format, found by a number as typed. The region is the workspace's, changed by admins.
/// </summary>
public sealed class PhoneNumberTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Theory]
    [InlineData("US", "+1 (800) 123-4567", "+18001234567")]
    [InlineData("US", "(800) 123-4567", "+18001234567")]
    [InlineData("US", "5511999998888", "+5511999998888")]
    [InlineData("BR", "5511999998888", "+5511999998888")]
    [InlineData("BR", "(11) 99999-8888", "+5511999998888")]
    [InlineData("BR", "+1 (800) 123-4567", "+18001234567")]
    public async Task Create_StoresThePhoneAsE164_ReadInTheWorkspacesRegion(string region, string typed, string stored)
    {
        var acme = await WorkspaceInAsync(region);
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Phone = typed });

        var lead = await scope.Get<LeadDeskDbContext>().Leads.AsNoTracking().SingleAsync(l => l.Id == id);
        Assert.Equal(stored, lead.Phone);
        Assert.EndsWith(" " + stored, lead.SearchText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call me", "Enter a phone number, like +1 800 123 4567; spaces, dashes and brackets are fine.")]
    [InlineData("+999 555 1234", "That country code does not exist. Start an international number with + and its country code, like +44 or +55.")]
    [InlineData("12", "That is too few digits for a phone number.")]
    [InlineData("1234567890123456", "That is too many digits for a phone number: at most 15, country code included.")]
    public async Task Create_WithAPhoneThatIsNoNumber_IsRefusedWithAFieldMessage_AndWritesNothing(string typed, string message)
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Phone = typed }));

        Assert.Equal(new Dictionary<string, string[]> { ["Phone"] = [message] }, error.ByField());
        Assert.False(await scope.Get<LeadDeskDbContext>().Leads.AnyAsync());
    }

    [Fact]
    public async Task Update_WithTheStoredNumberSentBack_KeepsIt_AndANationalNumberIsReadInTheRegion()
    {
        var acme = await WorkspaceInAsync("BR");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        var leads = scope.Get<LeadService>();
        var id = await leads.CreateAsync(new NewLead { FirstName = "Jane", Phone = "+1 (800) 123-4567" });

        var created = await leads.GetAsync(id);
        await leads.UpdateAsync(id, created.ToInput() with { Company = "Acme" }, created.Version);
        var unchanged = await leads.GetAsync(id);
        await leads.UpdateAsync(id, unchanged.ToInput() with { Phone = "(21) 98765-4321" }, unchanged.Version);

        Assert.Equal("+18001234567", unchanged.Phone);
        Assert.Equal("+5521987654321", (await leads.GetAsync(id)).Phone);
    }

    [Fact]
    public async Task Update_OfALeadWithAPhoneStoredBeforeE164_SavesTheOtherFields_AndKeepsThePhone()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        var id = await TestData.LeadAsync(database.Fixture, acme, "Olly", l => l.Phone = "+07911123456"); // "07911 123456", stored with a bare +
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        var leads = scope.Get<LeadService>();
        var before = await leads.GetAsync(id);

        await leads.UpdateAsync(id, before.ToInput() with { Company = "Kept" }, before.Version);
        var kept = await leads.GetAsync(id);
        var error = await Assert.ThrowsAsync<ValidationException>(() => leads.UpdateAsync(id, kept.ToInput() with { Phone = "+07911123457" }, kept.Version));

        Assert.Equal(PhoneFormat.UnknownCountryCode, PhoneFormat.Problem("+07911123456", "US"));
        Assert.Equal(("Kept", "+07911123456"), (kept.Company, kept.Phone));
        Assert.Equal(new Dictionary<string, string[]> { ["Phone"] = [PhoneFormat.UnknownCountryCode] }, error.ByField());
    }

    [Theory]
    [InlineData("18001234567")]
    [InlineData("(800) 123-4567")]
    [InlineData("+1 800 123 4567")]
    [InlineData("1-800-123-4567")]
    public async Task Duplicates_TheSameNumberInAnotherFormat_IsTheSamePerson(string typed)
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        var existing = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Phone = "+1 800 123 4567" });
        var finder = scope.Get<DuplicateFinder>();

        var found = await finder.FindAsync(new DuplicateQuery(null, typed));

        var match = Assert.Single(found);
        Assert.Equal((existing, DuplicateMatch.Phone), (match.Id, match.Match));
        Assert.Equal(existing, await finder.ExistingAsync(null, typed));
    }

    [Fact]
    public async Task Duplicates_ADifferentNumber_IsNoMatch()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Phone = "+1 800 123 4567" });

        Assert.Empty(await scope.Get<DuplicateFinder>().FindAsync(new DuplicateQuery(null, "(800) 123-4568")));
        Assert.Null(await scope.Get<DuplicateFinder>().ExistingAsync(null, "call me"));
    }

    [Fact]
    public async Task Capture_TheSameNumberInAnotherFormat_ReturnsTheExistingLead()
    {
        var acme = await WorkspaceInAsync("BR");
        var capture = database.Fixture.Services.GetRequiredService<LeadCapture>();

        var first = await capture.CaptureAsync(acme.WorkspaceId, null, new NewLead { FirstName = "Ana", Phone = "5511999998888", Channel = LeadChannel.Api });
        var again = await capture.CaptureAsync(acme.WorkspaceId, null, new NewLead { FirstName = "Ana", Phone = "(11) 99999-8888", Channel = LeadChannel.Api });
        var other = await capture.CaptureAsync(acme.WorkspaceId, null, new NewLead { FirstName = "Bia", Phone = "(11) 99999-7777", Channel = LeadChannel.Api });

        Assert.Equal((true, "+5511999998888"), (first.Created, first.Lead.Phone));
        Assert.Equal((false, first.Lead.Id), (again.Created, again.Lead.Id));
        Assert.Equal((true, "+5511999997777"), (other.Created, other.Lead.Phone));
    }

    [Theory]
    [InlineData("(11) 99999-8888")]
    [InlineData("99999-8888")]
    [InlineData("9999-8888")]
    [InlineData("+55 11 99999 8888")]
    [InlineData("5511999998888")]
    [InlineData("0 11 99999-8888")]
    public async Task Search_ByANumberAsTyped_FindsTheStoredE164Number(string term)
    {
        var acme = await database.ArrangedOnceAsync("brazilian contacts", async fixture =>
        {
            var workspace = await WorkspaceInAsync("BR");
            await TestData.LeadAsync(fixture, workspace, "Ana", l => l.Phone = "+5511999998888");
            await TestData.LeadAsync(fixture, workspace, "Bia", l => l.Phone = "+5521988887777");
            return workspace;
        });
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);

        var page = await scope.Get<LeadListService>().SearchAsync(new LeadListQuery { Search = term });

        Assert.Equal("Ana", Assert.Single(page.Rows).FirstName);
    }

    [Fact]
    public async Task Region_OfAWorkspace_IsUsUntilAnAdminChangesIt()
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);
        var regions = scope.Get<PhoneRegions>();
        var before = await regions.CurrentAsync();

        var chosen = await regions.SetAsync(" br ");

        Assert.Equal("US", before);
        Assert.Equal(("BR", "Brazil (+55)"), (chosen.Code, chosen.Label));
        Assert.Equal("BR", await regions.CurrentAsync()); // this node's cache is refreshed at once
        Assert.Equal("BR", await scope.Get<LeadDeskDbContext>().Workspaces.Where(w => w.Id == acme.WorkspaceId).Select(w => w.PhoneRegion).SingleAsync());
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("Brazil")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Region_ThatLibphonenumberDoesNotKnow_IsRefused(string? region)
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<PhoneRegions>().SetAsync(region));

        Assert.Equal(["phoneRegion"], error.ByField().Keys);
        Assert.Equal("US", await scope.Get<PhoneRegions>().CurrentAsync());
    }

    [Theory]
    [InlineData(WorkspaceRole.Manager)]
    [InlineData(WorkspaceRole.SalesRep)]
    public async Task Region_ChangedByANonAdmin_IsForbidden(WorkspaceRole role)
    {
        var acme = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        var userId = await TestData.MemberAsync(database.Fixture, acme, "member", role);
        await using var scope = database.Fixture.ScopeAs(acme.WorkspaceId, userId, role);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<PhoneRegions>().SetAsync("BR"));

        Assert.Equal("US", await scope.Get<PhoneRegions>().CurrentAsync());
    }

    private async Task<WorkspaceSeed> WorkspaceInAsync(string region)
    {
        var workspace = await TestData.NewWorkspaceAsync(database.Fixture, "acme");
        await using var scope = database.Fixture.ScopeAs(workspace.WorkspaceId);
        await scope.Get<PhoneRegions>().SetAsync(region);
        return workspace;
    }
}
