using System.Net;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>
/// Settings → Phone numbers: an admin chooses where numbers typed without a country code are from. The region is
/// workspace-wide, so this class has its own app.
/// </summary>
public sealed class PhoneRegionSettingsTests(LeadDeskAppFactory app) : IClassFixture<LeadDeskAppFactory>
{
    [Fact]
    public async Task AnAdminChoosesBrazil_AndANationalNumberTypedNextIsBrazilian()
    {
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var response = await admin.SubmitAsync("/settings", "phone-region", ("phoneRegion", "BR"));
        var created = await CreateAsNewLeadPageAsync(Unique("Ana"), "(11) 99999-8888");

        Assert.Equal("/settings", response.RedirectPath());
        Assert.Equal("s:Numbers typed without a country code are now read as numbers of Brazil.", response.Toast());
        Assert.Equal("BR", await DemoRegionAsync());
        Assert.Equal("BR", (await admin.GetDocumentAsync("/settings")).QuerySelector("#phone-region option[selected]")?.GetAttribute("value"));
        Assert.Equal("+5511999998888", (await app.LeadAsync(created)).Phone);
    }

    [Fact]
    public async Task AnUnknownRegion_IsRefusedWithAnErrorToast()
    {
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var before = await DemoRegionAsync();

        var response = await admin.SubmitAsync("/settings", "phone-region", ("phoneRegion", "Atlantis"));

        Assert.Equal("e:Choose a country from the list.", response.Toast());
        Assert.Equal(before, await DemoRegionAsync());
    }

    [Fact]
    public async Task AManager_CannotPostTheForm()
    {
        var admin = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var form = (await admin.GetDocumentAsync("/settings")).FormNamed("phone-region");
        var manager = await app.SignedInAsync(LeadDeskAppFactory.Manager);
        var before = await DemoRegionAsync();

        var response = await manager.PostAsync(form, "/settings", ("phoneRegion", "GB"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.RedirectPath(), StringComparison.Ordinal);
        Assert.Equal(before, await DemoRegionAsync());
    }

    /// <summary>What the new-lead page runs (its own test is Circuits/NewLeadPageTests), as the admin.</summary>
    private async Task<Guid> CreateAsNewLeadPageAsync(string firstName, string phone)
    {
        await using var scope = await app.ScopeAsync(email: LeadDeskAppFactory.Admin);
        return (await scope.Get<LeadIntake>().AddAsync(new NewLead { FirstName = firstName, Phone = phone }, DuplicateRule.RefuseKnown)).LeadId;
    }

    private Task<string> DemoRegionAsync() => app.QueryAsync(db => db.Workspaces.Where(w => w.Slug == Demo).Select(w => w.PhoneRegion).SingleAsync());
}
