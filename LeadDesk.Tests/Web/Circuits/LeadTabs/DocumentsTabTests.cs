using System.Text;
using Bunit;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads.Tabs;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LeadDesk.Tests.Web.Circuits.LeadTabs;

/// <summary>The documents tab: uploading through the circuit (streamed, 10 MB at most), the download links, deleting.</summary>
public sealed class DocumentsTabTests(DocumentsDatabase database) : IClassFixture<DocumentsDatabase>
{
    private CoreFixture Fixture => database.Fixture;

    [Fact]
    public async Task Uploading_StoresTheFile_AndListsItWithADownloadLink()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<DocumentsTab>(lead);
        Assert.Contains("No documents yet", tab.Find("[data-testid=tab-empty]").TextContent, StringComparison.Ordinal);

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("%PDF-1.4 a small proposal", "proposal.pdf", contentType: "application/pdf"));

        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("li[data-document-id]")));
        var document = await Fixture.QueryAsync(acme, db => db.LeadDocuments.SingleAsync(d => d.LeadId == lead));
        Assert.Equal(("proposal.pdf", "application/pdf", 25L), (document.FileName, document.ContentType, document.SizeBytes));
        Assert.Equal("%PDF-1.4 a small proposal", await File.ReadAllTextAsync(StoredPath(document)));
        var link = tab.Find($"li[data-document-id='{document.Id}'] a");
        Assert.Equal(("proposal.pdf", $"/leads/{lead}/documents/{document.Id}", "proposal.pdf"), (link.TextContent, link.GetAttribute("href"), link.GetAttribute("download")));
        Assert.Equal(["proposal.pdf uploaded."], context.Snackbars());
        Assert.Empty(tab.FindAll("[data-testid=uploading]"));
    }

    [Fact]
    public async Task AFileOverTenMegabytes_IsRefusedBeforeItIsSent_AndNothingIsKept()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<DocumentsTab>(lead);

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[LeadDocument.MaxSizeBytes + 1], "huge.zip"));

        tab.WaitForAssertion(() => Assert.Equal("huge.zip is larger than 10 MB, the most a document can be. Nothing was uploaded.", tab.Find("[data-testid=upload-problem]").TextContent.Trim()));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
        Assert.False(Directory.Exists(WorkspaceFolder(acme)) && Directory.EnumerateFiles(WorkspaceFolder(acme)).Any());
        Assert.Empty(context.Snackbars());
    }

    [Fact]
    public async Task AnEmptyFile_IsRefusedWithTheReason_AndNothingIsKept()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<DocumentsTab>(lead);

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([], "empty.txt"));

        tab.WaitForAssertion(() => Assert.Equal("empty.txt is empty.", tab.Find("[data-testid=upload-problem]").TextContent.Trim()));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
        Assert.False(Directory.Exists(WorkspaceFolder(acme)) && Directory.EnumerateFiles(WorkspaceFolder(acme)).Any());
    }

    [Fact]
    public async Task AFileNameWithAPath_KeepsOnlyTheName_AndTheFileStaysInTheDocumentsFolder()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<DocumentsTab>(lead);

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "../../../etc/notes.txt"));

        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("li[data-document-id]")));
        Assert.Equal("notes.txt", await Fixture.QueryAsync(acme, db => db.LeadDocuments.Where(d => d.LeadId == lead).Select(d => d.FileName).SingleAsync()));
        Assert.All(Directory.GetFiles(database.Folder, "*", SearchOption.AllDirectories), file => Assert.StartsWith(database.Folder, Path.GetFullPath(file), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_AsksFirst_CancelKeepsIt_AndConfirmingMovesItToTheTrash()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var document = await DocumentAsync(acme, lead, "contract.pdf");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var dialogs = context.Render<MudDialogProvider>();
        var tab = context.RenderTab<DocumentsTab>(lead);

        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-document-id='{document}'] button"), dialogs, "Cancel");
        Assert.Single(tab.FindAll($"li[data-document-id='{document}']"));
        await LeadTabsKit.ClickAndAnswerAsync(tab.Find($"li[data-document-id='{document}'] button"), dialogs, "Delete");

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("li[data-document-id]")));
        Assert.Equal(0, await Fixture.QueryAsync(acme, db => db.LeadDocuments.CountAsync(d => d.LeadId == lead)));
        Assert.Equal(["contract.pdf deleted."], context.Snackbars());
    }

    [Fact]
    public async Task ALeadInTheTrash_OffersItsDownloads_ButNoUploadOrDelete()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        var document = await DocumentAsync(acme, lead, "contract.pdf");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<DocumentsTab>(lead, readOnly: true);

        Assert.Equal($"/leads/{lead}/documents/{document}", tab.Find($"li[data-document-id='{document}'] a[download]").GetAttribute("href"));
        Assert.Empty(tab.FindAll("input[type=file], button"));
    }

    [Fact]
    public async Task ADocumentAddedElsewhere_ShowsWhenThePageBumpsTheRevision()
    {
        var (acme, rep, lead) = await LeadWithRepAsync();
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);
        var tab = context.RenderTab<DocumentsTab>(lead);
        var document = await DocumentAsync(acme, lead, "from-the-api.pdf");

        tab.Bump(1);

        tab.WaitForAssertion(() => Assert.Single(tab.FindAll($"li[data-document-id='{document}']")));
    }

    [Fact]
    public async Task AnotherWorkspacesLead_SaysItIsNotFound_AndOffersNoUpload()
    {
        var (acme, rep, _) = await LeadWithRepAsync();
        var elsewhere = await TestData.NewWorkspaceAsync(Fixture, "elsewhere");
        var theirs = await TestData.LeadAsync(Fixture, elsewhere, "Hidden");
        await DocumentAsync(elsewhere, theirs, "their-secret.pdf");
        await using var context = await ComponentContext.SignedInAsync(Fixture, rep, acme.WorkspaceId);

        var tab = context.RenderTab<DocumentsTab>(theirs);

        Assert.StartsWith("Lead was not found.", tab.Find("[data-testid=tab-problem]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("their-secret.pdf", tab.Markup, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("input[type=file]"));
    }

    private async Task<(WorkspaceSeed Acme, Guid Rep, Guid Lead)> LeadWithRepAsync()
    {
        var acme = await TestData.NewWorkspaceAsync(Fixture);
        var rep = await TestData.MemberAsync(Fixture, acme, "rep", WorkspaceRole.SalesRep);
        return (acme, rep, await TestData.LeadAsync(Fixture, acme, "Filed", ownerId: rep));
    }

    private async Task<Guid> DocumentAsync(WorkspaceSeed workspace, Guid lead, string fileName)
    {
        await using var scope = Fixture.ScopeAs(workspace.WorkspaceId);
        using var content = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
        return await scope.Get<DocumentService>().UploadAsync(lead, fileName, "application/pdf", content);
    }

    private string WorkspaceFolder(WorkspaceSeed workspace) => Path.Combine(database.Folder, workspace.WorkspaceId.ToString("N"));

    private string StoredPath(LeadDocument document) => Path.Combine(database.Folder, document.WorkspaceId.ToString("N"), document.Id.ToString("N"));
}
