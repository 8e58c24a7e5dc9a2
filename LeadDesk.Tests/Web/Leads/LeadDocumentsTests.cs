using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Web.Leads.SeededData;

namespace LeadDesk.Tests.Web.Leads;

/// <summary>The app with uploads kept in a temp folder of its own (Documents:Path), removed with the app: nothing lands in the repository.</summary>
public sealed class DocumentsAppFactory : LeadDeskAppFactory
{
    public string DocumentsPath { get; } = Directory.CreateTempSubdirectory("leaddesk-documents-").FullName;

    /// <summary>Every stored file, whatever its workspace folder.</summary>
    public string[] StoredFiles => Directory.GetFiles(DocumentsPath, "*", SearchOption.AllDirectories);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Documents:Path", DocumentsPath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DocumentsPath))
        {
            Directory.Delete(DocumentsPath, recursive: true);
        }
    }
}

/// <summary>
/// Downloading a lead's documents (always as an attachment) over HTTP. Uploading and deleting happen in the documents tab's
/// circuit: DocumentsTabTests (bUnit); the old multipart upload endpoint is gone.
/// </summary>
public sealed class LeadDocumentsTests(DocumentsAppFactory app) : IClassFixture<DocumentsAppFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% a small proposal\n%%EOF\n");

    [Fact]
    public async Task Download_ReturnsTheBytes_AsAnAttachment()
    {
        var lead = await app.CreateLeadAsync();
        var documentId = await StoreAsync(lead, "proposal.pdf", Pdf, "application/pdf");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("proposal.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Download_OfHtml_IsStillServedAsAnAttachment()
    {
        var lead = await app.CreateLeadAsync();
        var documentId = await StoreAsync(lead, "page.html", "<script>alert(1)</script>"u8.ToArray(), "text/html");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostingAFileToTheOldUploadUrl_StoresNothing(bool anotherWorkspacesLead)
    {
        var (lead, _, secrets) = anotherWorkspacesLead ? await NorthwindDocumentAsync() : (await app.CreateLeadAsync(), Guid.Empty, []);
        var slug = anotherWorkspacesLead ? Northwind : Demo;
        var client = await app.SignedInAsync(anotherWorkspacesLead ? LeadDeskAppFactory.Admin : LeadDeskAppFactory.Rep);
        var filesBefore = app.StoredFiles.Length;
        var documentsBefore = await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == lead), slug);
        using var form = new MultipartFormDataContent { { FilePart(Pdf, "application/pdf"), "file", "planted.pdf" } };

        var response = await client.PostAsync(new Uri($"/leads/{lead}/documents", UriKind.Relative), form);

        Assert.False(response.IsSuccessStatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(documentsBefore, await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == lead), slug));
        Assert.Equal(filesBefore, app.StoredFiles.Length);
    }

    [Fact]
    public async Task ADeletedDocument_IsNoLongerDownloadable_ButItsFileStaysUntilThePurge()
    {
        var lead = await app.CreateLeadAsync();
        var documentId = await StoreAsync(lead, "old.pdf", Pdf, "application/pdf");
        var document = await app.QueryAsync(db => db.LeadDocuments.SingleAsync(d => d.Id == documentId));
        var stored = Path.Combine(app.DocumentsPath, document.WorkspaceId.ToString("N"), document.Id.ToString("N"));
        await using (var rep = await app.ScopeAsync(email: LeadDeskAppFactory.Rep))
        {
            await rep.Get<DocumentService>().DeleteAsync(lead, documentId);
        }
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await app.QueryAsync(db => db.LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(d => d.Id == documentId).Select(d => d.IsDeleted).SingleAsync()));
        Assert.True(File.Exists(stored));
    }

    [Fact]
    public async Task Download_ThroughAnotherLeadsUrl_IsNotFound()
    {
        var lead = await app.CreateLeadAsync();
        var other = await app.CreateLeadAsync();
        var documentId = await StoreAsync(lead, "proposal.pdf", Pdf, "application/pdf");
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await client.FetchAsync($"/leads/{other}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnotherWorkspacesDocument_IsNotFound_AndRevealsNothing()
    {
        var (lead, documentId, secrets) = await NorthwindDocumentAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var download = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");
        var tab = await client.FetchAsync($"/leads/{lead}?tab=documents");

        Browser.AssertNotFound(download, await download.Content.ReadAsStringAsync(), secrets);
        Browser.AssertNotFound(tab, await tab.Content.ReadAsStringAsync(), secrets);
    }

    private static ByteArrayContent FilePart(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>A document on a demo lead, uploaded by the rep through the service (as the documents tab does).</summary>
    private async Task<Guid> StoreAsync(Guid leadId, string fileName, byte[] bytes, string contentType)
    {
        await using var rep = await app.ScopeAsync(email: LeadDeskAppFactory.Rep);
        using var content = new MemoryStream(bytes);
        return await rep.Get<DocumentService>().UploadAsync(leadId, fileName, contentType, content);
    }

    /// <summary>A northwind lead with a document uploaded by its admin; the secrets are its name, email and the file's name.</summary>
    private async Task<(Guid Lead, Guid Document, string[] Secrets)> NorthwindDocumentAsync()
    {
        var lead = await app.CreateLeadAsync(Northwind, configure: l => l.LastName = Unique("Secretson"));
        var fileName = $"{Unique("northwind-contract")}.pdf";
        await using var admin = await app.ScopeAsync(Northwind, LeadDeskAppFactory.Admin);
        using var content = new MemoryStream(Pdf);
        var document = await admin.Get<DocumentService>().UploadAsync(lead, fileName, "application/pdf", content);
        var stored = await app.LeadAsync(lead, Northwind);
        return (lead, document, [stored.FirstName, stored.LastName, stored.Email!, fileName]);
    }
}
