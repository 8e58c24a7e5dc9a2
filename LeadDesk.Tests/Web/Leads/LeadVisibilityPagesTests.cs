using System.Globalization;
using System.Net;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// Own+team visibility as sales reps meet it in the pages. The setting is workspace-wide, so this class has its own app,
/// and every test in it works under own+team (none turns it back).
/// </summary>
public sealed class LeadVisibilityPagesTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task Board_ForARep_CountsOnlyTheirOwnAndTeamLeads()
    {
        await OwnAndTeamAsync();
        await OtherRepsLeadsAsync(shareOne: true);
        var repId = await app.UserIdAsync(LeadDeskAppFactory.Rep);
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var board = await client.GetDocumentAsync("/board");

        var expected = await app.QueryAsync(db => db.Leads
            .Where(l => l.Status == LeadStatus.Open && (l.OwnerId == repId || db.LeadTeamMembers.Any(t => t.LeadId == l.Id && t.UserId == repId)))
            .GroupBy(l => l.StageId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var shown = board.QuerySelectorAll("section.ld-column").ToDictionary(
            c => Guid.Parse(c.GetAttribute("data-stage-id")!),
            c => int.Parse(c.QuerySelector("[data-testid=column-count]")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.All(shown, column => Assert.Equal(expected.GetValueOrDefault(column.Key), column.Value));
        Assert.Equal(expected.Values.Sum(), shown.Values.Sum());
        var cardOwners = board.QuerySelectorAll(".ld-kcard").Select(card => Guid.Parse(card.GetAttribute("data-lead-id")!)).ToList();
        var visible = await app.QueryAsync(db => db.Leads.Where(l => l.OwnerId == repId || db.LeadTeamMembers.Any(t => t.LeadId == l.Id && t.UserId == repId)).Select(l => l.Id).ToListAsync());
        Assert.All(cardOwners, id => Assert.Contains(id, visible));
    }

    [Fact]
    public async Task LeadPage_OfAnotherRepsLead_IsNotFound_UntilTheRepJoinsItsTeam()
    {
        await OwnAndTeamAsync();
        var (theirs, _) = await OtherRepsLeadsAsync(shareOne: false);
        var repId = await app.UserIdAsync(LeadDeskAppFactory.Rep);
        var rep = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var before = await rep.FetchAsync($"/leads/{theirs}");
        await using (var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin))
        {
            await scope.Get<LeadDesk.Core.Teams.TeamService>().AddAsync(theirs, repId, "account_executive");
        }
        var after = await rep.FetchAsync($"/leads/{theirs}");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal((await app.LeadAsync(theirs)).FullName, (await after.ParseAsync()).QuerySelector("h1")?.TextContent);
    }

    private async Task OwnAndTeamAsync()
    {
        await using var admin = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        await admin.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.OwnAndTeam);
    }

    /// <summary>Two new leads owned by the other rep; with <paramref name="shareOne"/> the rep is put on the second one's team.</summary>
    private async Task<(Guid Theirs, Guid Shared)> OtherRepsLeadsAsync(bool shareOne)
    {
        var otherRep = await app.UserIdAsync(LeadDeskAppFactory.OtherRep);
        var theirs = await app.CreateLeadAsync(configure: l => l.OwnerId = otherRep);
        var shared = await app.CreateLeadAsync(configure: l => l.OwnerId = otherRep);
        if (shareOne)
        {
            var repId = await app.UserIdAsync(LeadDeskAppFactory.Rep);
            await using var admin = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
            await admin.Get<LeadDesk.Core.Teams.TeamService>().AddAsync(shared, repId, "account_executive");
        }
        return (theirs, shared);
    }
}
