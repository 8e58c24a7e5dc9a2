using System.Net;
using System.Text;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using LeadDesk.Tests.Web.Leads;
using LeadDesk.Web.Api;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Privacy;

/// <summary>"Erase this person" over HTTP: <c>POST /api/v1/leads/{id}/erase</c>, the lead page's form, and the settings page's log.</summary>
public sealed class LeadErasureTests(ApiAppFactory app) : IClassFixture<ApiAppFactory>
{
    private readonly HttpClient _client = app.ApiClient();

    [Fact]
    public async Task ApiErase_WithASettingsWriteToken_ErasesTheLeadAndItsFile_AndAnswersWithTheErasure()
    {
        var (lead, file) = await LeadWithDocumentAsync();
        var token = await app.NewTokenAsync(Demo, [ApiScopes.SettingsWrite]);

        var response = await _client.PostAsync(ApiRoutes.EraseLead(lead), token.Secret, null);

        var data = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("data");
        data.HasId("leadId", lead);
        data.HasNumber("mentionsErased", 0);
        Assert.Empty(data.HasArray("sameContactLeadIds"));
        var erasure = await app.QueryAsync(db => db.LeadErasures.SingleAsync(e => e.LeadId == lead));
        data.HasId("erasureId", erasure.Id);
        Assert.Equal(erasure.ErasedAt, data.HasDateTime("erasedAt"), TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        Assert.Equal((token.Token.Id, (Guid?)null), (erasure.ErasedByTokenId, erasure.ErasedById));
        Assert.False(await app.QueryAsync(db => db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).AnyAsync(l => l.Id == lead)));
        Assert.False(File.Exists(file));
        await (await _client.GetAsync(ApiRoutes.Lead(lead), await app.DemoTokenAsync())).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiErase_WithATokenWithoutSettingsWrite_Is403_AndWithAnotherWorkspacesToken_Is404()
    {
        var (lead, file) = await LeadWithDocumentAsync();
        var leadsOnly = await app.TokenAsync(Demo, ApiScopes.LeadsRead, ApiScopes.LeadsWrite, ApiScopes.SettingsRead);
        var northwind = await app.TokenAsync(Northwind);

        var forbidden = await _client.PostAsync(ApiRoutes.EraseLead(lead), leadsOnly, null);
        var notFound = await _client.PostAsync(ApiRoutes.EraseLead(lead), northwind, null);

        Assert.Equal(403, (await forbidden.ExpectAsync(HttpStatusCode.Forbidden)).GetProperty("status").GetInt32());
        Assert.Equal(404, (await notFound.ExpectAsync(HttpStatusCode.NotFound)).GetProperty("status").GetInt32());
        Assert.False((await app.LeadAsync(lead)).IsDeleted);
        Assert.True(File.Exists(file));
        Assert.False(await app.QueryAsync(db => db.LeadErasures.AnyAsync(e => e.LeadId == lead)));
    }

    [Theory]
    [InlineData(LeadDeskAppFactory.Manager, HttpStatusCode.Forbidden)]
    [InlineData(LeadDeskAppFactory.Rep, HttpStatusCode.Forbidden)]
    [InlineData(LeadDeskAppFactory.Admin, HttpStatusCode.OK)]
    public async Task ApiErase_WithASignInCookie_IsForAdminsOnly(string email, HttpStatusCode expected)
    {
        var lead = await app.CreateLeadAsync();
        var browser = await app.SignedInAsync(email);
        var antiforgery = await browser.AntiforgeryTokenAsync(SeededData.StaticPage);

        var response = await browser.SendAsync(HttpMethod.Post, ApiRoutes.EraseLead(lead), null, null, request => request.WithAntiforgery(antiforgery));

        await response.ExpectAsync(expected);
        var erased = await app.QueryAsync(db => db.LeadErasures.Where(e => e.LeadId == lead).Select(e => e.ErasedById).ToListAsync());
        Assert.Equal(expected == HttpStatusCode.OK ? [await app.UserIdAsync(email)] : [], erased);
    }

    /// <summary>A demo lead with a document uploaded through the API; returns the lead and where its file is.</summary>
    private async Task<(Guid Lead, string File)> LeadWithDocumentAsync()
    {
        var lead = await app.CreateLeadAsync();
        var upload = await _client.SendAsync(HttpMethod.Post, $"{ApiRoutes.Lead(lead)}/documents", await app.DemoTokenAsync(),
            ApiKit.FileUpload("passport.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n")));
        var document = (await upload.ExpectAsync(HttpStatusCode.Created)).GetProperty("data").Id();
        var workspace = await app.WorkspaceIdAsync(Demo);
        var file = Path.Combine(app.DocumentsPath, workspace.ToString("N"), document.ToString("N"));
        Assert.True(File.Exists(file));
        return (lead, file);
    }
}
