using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
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

/// <summary>Uploading (multipart post from the documents tab), downloading and deleting a lead's documents.</summary>
public sealed class LeadDocumentsTests(DocumentsAppFactory app) : IClassFixture<DocumentsAppFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% a small proposal\n%%EOF\n");

    [Fact]
    public async Task Upload_StoresTheFile_AndGoesBackToTheTab()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        var response = await UploadAsync(client, lead, "proposal.pdf", Pdf, "application/pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/leads/{lead}?tab=documents", response.RedirectPath());
        Assert.Equal("s:proposal.pdf uploaded.", response.Toast());
        var document = await app.QueryAsync(db => db.LeadDocuments.SingleAsync(d => d.LeadId == lead));
        Assert.Equal(("proposal.pdf", "application/pdf", (long)Pdf.Length), (document.FileName, document.ContentType, document.SizeBytes));
        var stored = Path.Combine(app.DocumentsPath, document.WorkspaceId.ToString("N"), document.Id.ToString("N"));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored));
        var tab = await client.GetDocumentAsync($"/leads/{lead}?tab=documents");
        Assert.Equal("proposal.pdf", tab.QuerySelector($"li[data-document-id='{document.Id}'] a[download]")?.TextContent);
    }

    [Fact]
    public async Task Download_ReturnsTheBytes_AsAnAttachment()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        await UploadAsync(client, lead, "proposal.pdf", Pdf, "application/pdf");
        var documentId = await app.QueryAsync(db => db.LeadDocuments.Where(d => d.LeadId == lead).Select(d => d.Id).SingleAsync());

        var response = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("proposal.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Upload_OfHtml_IsStillServedAsAnAttachment()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        await UploadAsync(client, lead, "page.html", "<script>alert(1)</script>"u8.ToArray(), "text/html");
        var documentId = await app.QueryAsync(db => db.LeadDocuments.Where(d => d.LeadId == lead).Select(d => d.Id).SingleAsync());

        var response = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Upload_OfAnEmptyFile_IsRefusedWithAnErrorToast_AndKeepsNothing()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var filesBefore = app.StoredFiles.Length;

        var response = await UploadAsync(client, lead, "empty.txt", [], "text/plain");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/leads/{lead}?tab=documents", response.RedirectPath());
        Assert.StartsWith("e:", response.Toast(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
        Assert.Equal(filesBefore, app.StoredFiles.Length);
    }

    [Fact]
    public async Task Upload_WithoutAFile_AsksForOne()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        var token = await client.AntiforgeryTokenAsync($"/leads/{lead}?tab=documents", "form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };

        var response = await client.PostAsync(new Uri($"/leads/{lead}/documents", UriKind.Relative), form);

        Assert.Equal("e:Choose a file to upload.", response.Toast());
    }

    [Fact]
    public async Task Upload_WithAPathInItsName_KeepsOnlyTheFileName()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);

        await UploadAsync(client, lead, "../../../etc/notes.txt", "hello"u8.ToArray(), "text/plain");

        Assert.Equal("notes.txt", await app.QueryAsync(db => db.LeadDocuments.Where(d => d.LeadId == lead).Select(d => d.FileName).SingleAsync()));
        Assert.All(app.StoredFiles, file => Assert.StartsWith(app.DocumentsPath, Path.GetFullPath(file), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_WithoutAntiforgeryToken_IsRefused_AndKeepsNothing()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        using var form = new MultipartFormDataContent { { FilePart(Pdf, "application/pdf"), "file", "forged.pdf" } };

        var response = await client.PostAsync(new Uri($"/leads/{lead}/documents", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
    }

    [Fact]
    public async Task Delete_MovesTheDocumentToTheTrash_KeepingItsFileUntilThePurge()
    {
        var lead = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        await UploadAsync(client, lead, "old.pdf", Pdf, "application/pdf");
        var document = await app.QueryAsync(db => db.LeadDocuments.SingleAsync(d => d.LeadId == lead));
        var stored = Path.Combine(app.DocumentsPath, document.WorkspaceId.ToString("N"), document.Id.ToString("N"));

        var response = await client.SubmitAsync($"/leads/{lead}?tab=documents", $"document-delete-{document.Id}");

        Assert.Equal($"/leads/{lead}?tab=documents", response.RedirectPath());
        Assert.Equal(0, await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
        Assert.True(await app.QueryAsync(db => db.LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).Where(d => d.Id == document.Id).Select(d => d.IsDeleted).SingleAsync()));
        Assert.True(File.Exists(stored));
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync($"/leads/{lead}/documents/{document.Id}")).StatusCode);
    }

    [Fact]
    public async Task Download_ThroughAnotherLeadsUrl_IsNotFound()
    {
        var lead = await app.CreateLeadAsync();
        var other = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Rep);
        await UploadAsync(client, lead, "proposal.pdf", Pdf, "application/pdf");
        var documentId = await app.QueryAsync(db => db.LeadDocuments.Where(d => d.LeadId == lead).Select(d => d.Id).SingleAsync());

        var response = await client.FetchAsync($"/leads/{other}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnotherWorkspacesDocument_IsNotFound_AndRevealsNothing()
    {
        var (lead, documentId, secrets) = await NorthwindDocumentAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);

        var download = await client.FetchAsync($"/leads/{lead}/documents/{documentId}");
        var tab = await client.FetchAsync($"/leads/{lead}/tabs/documents", htmx: true);

        Browser.AssertNotFound(download, await download.Content.ReadAsStringAsync(), secrets);
        Browser.AssertNotFound(tab, await tab.Content.ReadAsStringAsync(), secrets);
    }

    [Fact]
    public async Task Upload_ToAnotherWorkspacesLead_IsNotFound_AndStoresNothing()
    {
        var (lead, _, secrets) = await NorthwindDocumentAsync();
        var mine = await app.CreateLeadAsync();
        var client = await app.SignedInAsync(LeadDeskAppFactory.Admin);
        var token = await client.AntiforgeryTokenAsync($"/leads/{mine}?tab=documents", "form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]");
        var filesBefore = app.StoredFiles.Length;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { FilePart(Pdf, "application/pdf"), "file", "planted.pdf" } };

        var response = await client.PostAsync(new Uri($"/leads/{lead}/documents", UriKind.Relative), form);

        Browser.AssertNotFound(response, await response.Content.ReadAsStringAsync(), secrets);
        Assert.Equal(1, await app.QueryAsync(db => db.LeadDocuments.CountAsync(d => d.LeadId == lead), Northwind));
        Assert.Equal(filesBefore, app.StoredFiles.Length);
    }

    private static ByteArrayContent FilePart(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>Posts the documents tab's upload form with one file, as a browser does.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid leadId, string fileName, byte[] bytes, string contentType)
    {
        var tab = await client.GetDocumentAsync($"/leads/{leadId}?tab=documents");
        var upload = tab.QuerySelector<IHtmlFormElement>("form[enctype='multipart/form-data']")!;
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in upload.Fields())
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(FilePart(bytes, contentType), "file", fileName);
        return await client.PostAsync(new Uri(upload.GetAttribute("action")!, UriKind.Relative), form);
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
