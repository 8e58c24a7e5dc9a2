using System.Text.Json;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Trash;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Trash;

/// <summary>A shared database for the trash and erasure tests: documents in a temp folder of its own, purges in batches of two.</summary>
public sealed class TrashDatabase : SharedDatabase
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("leaddesk-trash-").FullName;

    protected override KeyValuePair<string, string?>[] Settings => [new("Documents:Path", Folder), new("Retention:PurgeBatchSize", "2")];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>A workspace with what a lead's parts need: an admin, a colleague for teams, a product, a stage field and a webhook.</summary>
public sealed record PartsWorld(WorkspaceSeed Workspace, Guid AdminId, Guid ColleagueId, Guid ProductId)
{
    public Guid WorkspaceId => Workspace.WorkspaceId;
}

/// <summary>A lead with one of each thing that carries it; <see cref="Name"/>, <see cref="Email"/> and <see cref="Phone"/> are unique.</summary>
public sealed record LeadWithParts(Guid LeadId, string Name, string Email, string Phone, Guid NoteId, Guid LineId, Guid DocumentId, string FilePath);

/// <summary>How many rows of each kind carry a lead (in the trash or not), and whether something is on disk at its file's path.</summary>
public sealed record Traces(int Leads, int Notes, int Activities, int History, int StageValues, int Team, int ProductLines, int Documents,
    int Deliveries, int Answers, int QueuedFiles, bool File)
{
    public static readonly Traces None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);
}

public static class LeadPartsKit
{
    public const string StageFieldKey = "referrer";
    private static readonly byte[] Pdf = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a];

    public static async Task<PartsWorld> WorldAsync(CoreFixture fixture, string name = "acme")
    {
        var workspace = await TestData.NewWorkspaceAsync(fixture, name);
        var admin = await TestData.MemberAsync(fixture, workspace, "admin", WorkspaceRole.Admin);
        var colleague = await TestData.MemberAsync(fixture, workspace, "colleague", WorkspaceRole.SalesRep);
        var product = await TestData.ProductAsync(fixture, workspace, "Licence", 100m);
        await TestData.TeamRoleAsync(fixture, workspace, "sales_rep", "Sales rep");
        await TestData.StageFieldAsync(fixture, workspace, workspace.SecondStageId, StageFieldKey, "Referred by");
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId, admin);
        var db = scope.Get<LeadDeskDbContext>();
        db.WebhookSubscriptions.Add(new WebhookSubscription("https://hooks.example.com/leads", new string('s', WebhookSubscription.SecretLength),
            string.Join(' ', WebhookEvents.All.Select(e => e.Name))));
        await db.SaveChangesAsync();
        return new PartsWorld(workspace, admin, colleague, product);
    }

    /// <summary>A name no other lead has: letters only, so it reads as one word.</summary>
    public static string UniqueName(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>
    /// A lead as the app makes one, with a note, a logged call, a product line, a colleague on its team, a stage field value,
    /// a document and its file, webhook deliveries, history, and an API answer kept for its idempotency key.
    /// </summary>
    public static async Task<LeadWithParts> LeadAsync(CoreFixture fixture, PartsWorld world, string? firstName = null, string lastName = "Tester")
    {
        var first = firstName ?? UniqueName("Erin");
        var email = $"{first.ToLowerInvariant()}.{UniqueName("")}@example.com";
        var phone = $"+5511{Random.Shared.Next(100_000_000, 999_999_999)}";
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        var leadId = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = first, LastName = lastName, Email = email, Phone = phone, Channel = LeadChannel.Api });
        var noteId = await scope.Get<NoteService>().AddAsync(leadId, $"Spoke with {first} {lastName} about the licence.");
        await scope.Get<ActivityService>().LogAsync(leadId, new LogActivity(ActivityType.Call, "Discovery call", $"Called {phone}", fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-1)));
        var lineId = await scope.Get<ProductService>().AddAsync(leadId, new ProductLineInput(world.ProductId, 2, null, 0));
        await scope.Get<TeamService>().AddAsync(leadId, world.ColleagueId, "sales_rep");
        await scope.Get<LeadStageService>().ChangeStageAsync(leadId, world.Workspace.SecondStageId, new Dictionary<string, string?> { [StageFieldKey] = "A trade fair" });
        using var content = new MemoryStream(Pdf);
        var documentId = await scope.Get<DocumentService>().UploadAsync(leadId, $"{first}-contract.pdf", "application/pdf", content);
        var answers = scope.Get<IdempotencyStore>();
        var begun = (IdempotencyOutcome.Proceed)await answers.BeginAsync(Guid.NewGuid().ToString(), "POST", "/api/external/v1/leads", "{}");
        await answers.CompleteAsync(begun.RecordId, 201, JsonSerializer.Serialize(new { _id = leadId, name = $"{first} {lastName}", email, phone }));
        var file = scope.Get<DocumentStorage>().PathOf(world.WorkspaceId, documentId);
        return new LeadWithParts(leadId, $"{first} {lastName}", email, phone, noteId, lineId, documentId, file);
    }

    public static async Task DeleteAsync(CoreFixture fixture, PartsWorld world, Guid leadId)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId, world.AdminId);
        await scope.Get<LeadService>().DeleteAsync(leadId);
    }

    public static async Task<PurgeResult> PurgeAsync(CoreFixture fixture) => await fixture.Services.GetRequiredService<TrashPurge>().RunAsync();

    public static async Task<Traces> TracesAsync(CoreFixture fixture, PartsWorld world, LeadWithParts lead)
    {
        await using var scope = fixture.ScopeAs(world.WorkspaceId);
        var db = scope.Get<LeadDeskDbContext>();
        var id = lead.LeadId;
        var idText = id.ToString();
        return new Traces(
            await db.Leads.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).CountAsync(l => l.Id == id),
            await db.LeadNotes.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).CountAsync(n => n.LeadId == id),
            await db.LeadActivities.CountAsync(a => a.LeadId == id),
            await db.LeadHistory.CountAsync(h => h.LeadId == id),
            await db.LeadStageValues.CountAsync(v => v.LeadId == id),
            await db.LeadTeamMembers.CountAsync(t => t.LeadId == id),
            await db.LeadProducts.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).CountAsync(p => p.LeadId == id),
            await db.LeadDocuments.IgnoreQueryFilters([LeadDeskDbContext.SoftDeleteFilter]).CountAsync(d => d.LeadId == id),
            await db.WebhookDeliveries.CountAsync(d => d.LeadId == id),
            await db.IdempotencyRecords.CountAsync(r => r.ResponseBody != null && r.ResponseBody.Contains(idText)),
            await db.DocumentFileDeletions.CountAsync(q => q.DocumentId == lead.DocumentId),
            Path.Exists(lead.FilePath));
    }

    /// <summary>
    /// Every text column of every table (all workspaces, the trash, users, keys…) that contains one of <paramref name="values"/>,
    /// ignoring case, as "Table.Column: value".
    /// </summary>
    public static async Task<List<string>> MentionsAsync(CoreFixture fixture, params string[] values)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.Get<LeadDeskDbContext>();
        var found = new List<string>();
        foreach (var (table, column) in Columns(db, type => type == typeof(string)))
        {
            foreach (var value in values)
            {
                var sql = $$"""SELECT COUNT(*) AS "Value" FROM "{{table}}" WHERE lower("{{column}}") LIKE {0}""";
                if (await db.Database.SqlQueryRaw<int>(sql, $"%{value.ToLowerInvariant()}%").SingleAsync() > 0)
                {
                    found.Add($"{table}.{column}: {value}");
                }
            }
        }
        return found;
    }

    /// <summary>Every id column of every table that holds <paramref name="id"/>, as "Table.Column".</summary>
    public static async Task<List<string>> ReferencesAsync(CoreFixture fixture, Guid id)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.Get<LeadDeskDbContext>();
        var found = new List<string>();
        foreach (var (table, column) in Columns(db, type => type == typeof(Guid) || type == typeof(Guid?)))
        {
            var sql = $$"""SELECT COUNT(*) AS "Value" FROM "{{table}}" WHERE "{{column}}" = {0}""";
            if (await db.Database.SqlQueryRaw<int>(sql, id).SingleAsync() > 0)
            {
                found.Add($"{table}.{column}");
            }
        }
        return found;
    }

    private static IEnumerable<(string Table, string Column)> Columns(LeadDeskDbContext db, Func<Type, bool> ofType) =>
        from entity in db.Model.GetEntityTypes()
        let table = entity.GetTableName()
        where table is not null
        from property in entity.GetProperties()
        where ofType(property.ClrType) && property.GetValueConverter() is null
        select (table, property.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!);
}
