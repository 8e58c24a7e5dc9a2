using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Leads;

/// <summary>A shared database whose documents go to a temp folder of its own, deleted at the end.</summary>
public sealed class DocumentsDatabase : SharedDatabase
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("leaddesk-documents-").FullName;

    protected override KeyValuePair<string, string?>[] Settings => [new("Documents:Path", Folder)];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class DocumentServiceTests(DocumentsDatabase database) : IClassFixture<DocumentsDatabase>
{
    private static readonly byte[] Pdf = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff];

    private string WorkspaceFolder(WorkspaceSeed workspace) => Path.Combine(database.Folder, workspace.WorkspaceId.ToString("N"));

    private IEnumerable<string> FilesOf(WorkspaceSeed workspace) =>
        Directory.Exists(WorkspaceFolder(workspace)) ? Directory.EnumerateFiles(WorkspaceFolder(workspace), "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task Upload_StoresTheFileUnderTheConfiguredFolder_AndListsIt()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");

        Guid documentId;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep))
        {
            using var content = new MemoryStream(Pdf);
            documentId = await scope.Get<DocumentService>().UploadAsync(leadId, "Proposal.pdf", "application/pdf", content);
        }

        var path = Path.Combine(WorkspaceFolder(acme), documentId.ToString("N"));
        Assert.Equal([path], FilesOf(acme));
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(path));
        await using var read = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);
        var document = Assert.Single(await read.Get<DocumentService>().ListAsync(leadId));
        Assert.Equal((documentId, "Proposal.pdf", "application/pdf", (long)Pdf.Length, "rep"), (document.Id, document.FileName, document.ContentType, document.SizeBytes, document.UploadedBy));
        Assert.Equal("Uploaded Proposal.pdf", Assert.Single(await read.Get<ActivityService>().ListAsync(leadId), a => a.Type == ActivityType.Document).Title);
        var history = Assert.Single(await read.Get<HistoryService>().ListAsync(leadId), h => h.Field == "Document");
        Assert.Equal((null, "Proposal.pdf"), (history.OldValue, history.NewValue));
    }

    [Fact]
    public async Task Upload_OfExactlyTheMaximumSize_IsAccepted()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        using var content = new MemoryStream(new byte[LeadDocument.MaxSizeBytes]);

        await scope.Get<DocumentService>().UploadAsync(leadId, "big.bin", null, content);

        Assert.Equal(LeadDocument.MaxSizeBytes, new FileInfo(Assert.Single(FilesOf(acme))).Length);
    }

    [Fact]
    public async Task Upload_OverTheMaximumSize_IsRejected_AndKeepsNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        using var content = new MemoryStream(new byte[LeadDocument.MaxSizeBytes + 1]);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<DocumentService>().UploadAsync(leadId, "huge.zip", "application/zip", content));

        Assert.Equal(["file"], error.ByField().Keys);
        Assert.Empty(FilesOf(acme));
        Assert.Empty(await scope.Get<DocumentService>().ListAsync(leadId));
        Assert.Equal(0, await scope.Get<LeadDeskDbContext>().LeadActivities.CountAsync(a => a.Type == ActivityType.Document));
    }

    [Fact]
    public async Task Upload_OfAnEmptyFile_IsRejected_AndKeepsNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        using var content = new MemoryStream();

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<DocumentService>().UploadAsync(leadId, "empty.txt", "text/plain", content));

        Assert.Equal(["file"], error.ByField().Keys);
        Assert.Empty(FilesOf(acme));
        Assert.Empty(await scope.Get<DocumentService>().ListAsync(leadId));
    }

    [Fact]
    public async Task Upload_ToAnotherWorkspacesLead_IsNotFound_AndKeepsNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var theirs = await TestData.LeadAsync(fixture, globex, "Bob");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        using var content = new MemoryStream(Pdf);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<DocumentService>().UploadAsync(theirs, "x.pdf", "application/pdf", content));

        Assert.Empty(FilesOf(acme));
        Assert.Empty(FilesOf(globex));
    }

    [Theory]
    [InlineData(null, "application/octet-stream")]
    [InlineData("  ", "application/octet-stream")]
    [InlineData(" text/csv ", "text/csv")]
    public async Task Upload_WithoutAUsableContentType_StoresItAsBinary(string? contentType, string expected)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        using var content = new MemoryStream(Pdf);

        await scope.Get<DocumentService>().UploadAsync(leadId, "file", contentType, content);

        Assert.Equal(expected, Assert.Single(await scope.Get<DocumentService>().ListAsync(leadId)).ContentType);
    }

    [Fact]
    public async Task Download_ReturnsTheUploadedBytes()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        Guid documentId;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            using var upload = new MemoryStream(Pdf);
            documentId = await scope.Get<DocumentService>().UploadAsync(leadId, @"C:\Users\alice\Offer ""final"".pdf", "application/pdf", upload);
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var download = await read.Get<DocumentService>().OpenAsync(leadId, documentId);
        await using var stream = download.Content;
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);

        Assert.Equal(("Offer final.pdf", "application/pdf"), (download.FileName, download.ContentType));
        Assert.Equal(Pdf, bytes.ToArray());
    }

    [Fact]
    public async Task Download_OfADocumentOfAnotherLeadOrWorkspace_IsNotFound()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var alice = await TestData.LeadAsync(fixture, acme, "Alice");
        var bob = await TestData.LeadAsync(fixture, acme, "Bob");
        Guid documentId;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            using var upload = new MemoryStream(Pdf);
            documentId = await scope.Get<DocumentService>().UploadAsync(alice, "a.pdf", "application/pdf", upload);
        }

        await using var mine = fixture.ScopeAs(acme.WorkspaceId);
        await using var theirs = fixture.ScopeAs(globex.WorkspaceId);

        await Assert.ThrowsAsync<NotFoundException>(() => mine.Get<DocumentService>().OpenAsync(bob, documentId));
        await Assert.ThrowsAsync<NotFoundException>(() => theirs.Get<DocumentService>().OpenAsync(alice, documentId));
        await Assert.ThrowsAsync<NotFoundException>(() => theirs.Get<DocumentService>().DeleteAsync(alice, documentId));
        Assert.Single(FilesOf(acme));
    }

    [Fact]
    public async Task Delete_MovesTheDocumentToTheTrash_KeepingItsFileUntilThePurge()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        Guid documentId;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            using var upload = new MemoryStream(Pdf);
            documentId = await scope.Get<DocumentService>().UploadAsync(leadId, "a.pdf", "application/pdf", upload);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<DocumentService>().DeleteAsync(leadId, documentId);
        }

        Assert.Equal([Path.Combine(WorkspaceFolder(acme), documentId.ToString("N"))], FilesOf(acme));
        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var trashed = await read.Get<LeadDeskDbContext>().LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).SingleAsync(d => d.Id == documentId);
        Assert.Equal((true, fixture.Clock.GetUtcNow().UtcDateTime), (trashed.IsDeleted, trashed.DeletedAt));
        Assert.Empty(await read.Get<DocumentService>().ListAsync(leadId));
        await Assert.ThrowsAsync<NotFoundException>(() => read.Get<DocumentService>().OpenAsync(leadId, documentId));
        var latest = (await read.Get<HistoryService>().ListAsync(leadId))[0];
        Assert.Equal(("Document", "a.pdf", null), (latest.Field, latest.OldValue, latest.NewValue));
    }

    [Fact]
    public async Task Download_WhenTheFileIsMissing_IsNotFound()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        Guid documentId;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            using var upload = new MemoryStream(Pdf);
            documentId = await scope.Get<DocumentService>().UploadAsync(leadId, "a.pdf", "application/pdf", upload);
        }
        File.Delete(Assert.Single(FilesOf(acme)));
        await using var read = fixture.ScopeAs(acme.WorkspaceId);

        await Assert.ThrowsAsync<NotFoundException>(() => read.Get<DocumentService>().OpenAsync(leadId, documentId));
    }

    [Fact]
    public async Task Upload_CutOffHalfWay_KeepsNoFile_AndNoDocument()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var leadId = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        await Assert.ThrowsAsync<IOException>(() => scope.Get<DocumentService>().UploadAsync(leadId, "big.pdf", "application/pdf", new BreaksAfter(200_000)));

        Assert.Empty(FilesOf(acme));
        Assert.Empty(await scope.Get<DocumentService>().ListAsync(leadId));
    }

    /// <summary>A browser's upload that stops after <paramref name="bytes"/> (the tab closed, the connection dropped).</summary>
    private sealed class BreaksAfter(long bytes) : MemoryStream
    {
        private long _read;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= bytes)
            {
                throw new IOException("The connection was closed.");
            }
            var count = (int)Math.Min(buffer.Length, bytes - _read);
            buffer.Span[..count].Fill(0x41);
            _read += count;
            return ValueTask.FromResult(count);
        }
    }

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Users\alice\Desktop\offer.docx", "offer.docx")]
    [InlineData(@"..\..\web.config", "web.config")]
    [InlineData("/var/tmp/", "document")]
    [InlineData("..", "document")]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("  spaced name.txt  ", "spaced name.txt")]
    [InlineData("quo\"te\u0000d\r\n.txt", "quoted.txt")]
    [InlineData("", "document")]
    [InlineData(null, "document")]
    public void SafeFileName_KeepsOnlyAHarmlessLastSegment(string? given, string expected)
    {
        Assert.Equal(expected, DocumentService.SafeFileName(given));
    }

    [Fact]
    public void SafeFileName_ShortensLongNames_KeepingTheExtension()
    {
        var name = DocumentService.SafeFileName(new string('a', 400) + ".pdf");

        Assert.Equal(LeadDocument.FileNameMaxLength, name.Length);
        Assert.EndsWith("aaa.pdf", name, StringComparison.Ordinal);
    }
}
