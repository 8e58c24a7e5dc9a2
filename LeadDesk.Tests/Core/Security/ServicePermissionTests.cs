using System.Text;
using LeadDesk.Core.Activities;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Board;
using LeadDesk.Core.Common;
using LeadDesk.Core.Dashboard;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.WebForms;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Security;

/// <summary>
/// Every service operation checks its permission itself, whoever calls it (a page, the API, a job): each role and each
/// token scope is allowed exactly what the table says, and refused (403) everything else.
/// </summary>
public sealed class ServicePermissionTests(ServicePermissionTests.World world) : IClassFixture<ServicePermissionTests.World>
{
    private const string Everyone = "Admin Manager SalesRep leads:read leads:write";
    private const string Creators = "Admin Manager SalesRep leads:write";
    private const string Editors = "Admin Manager SalesRep leads:write";
    private const string Deleters = "Admin Manager leads:write";
    private const string SettingsReaders = "Admin Manager SalesRep settings:read settings:write";
    private const string SettingsAdmins = "Admin settings:write";

    public static readonly string[] Actors = ["Admin", "Manager", "SalesRep", "leads:read", "leads:write", "settings:read", "settings:write", "no scope"];

    /// <summary>Operation → who may do it, and the call (each makes the data it changes, so the order of the cases does not matter).</summary>
    private static readonly Dictionary<string, (string Allowed, Func<AsyncServiceScope, World, Task> Run)> Operations = new()
    {
        ["lead: read"] = (Everyone, async (s, w) => await s.Get<LeadService>().GetAsync(w.Lead)),
        ["lead: read several"] = (Everyone, async (s, w) => await s.Get<LeadService>().GetManyAsync([w.Lead])),
        ["lead list"] = (Everyone, async (s, _) => await s.Get<LeadListService>().SearchAsync(new LeadListQuery())),
        ["lead list: sources"] = (Everyone, async (s, _) => await s.Get<LeadListService>().SourcesAsync()),
        ["trash"] = (Deleters, async (s, _) => await s.Get<LeadListService>().SearchAsync(new LeadListQuery { Trash = true })),
        ["board"] = (Everyone, async (s, _) => await s.Get<BoardService>().GetAsync(new LeadFilter())),
        ["dashboard"] = (Everyone, async (s, _) => await s.Get<DashboardService>().GetAsync()),
        ["duplicates"] = (Everyone, async (s, _) => await s.Get<DuplicateFinder>().FindAsync(new DuplicateQuery("someone@example.com", null))),
        ["lead: create"] = (Creators, async (s, _) => await s.Get<LeadService>().CreateAsync(new NewLead { FirstName = "New", Email = $"{Guid.NewGuid():N}@example.com" })),
        ["lead: update"] = (Editors, async (s, w) => await s.Get<LeadService>().UpdateAsync(await w.LeadAsync(), new LeadInput { FirstName = "Renamed", Email = "renamed@example.com" }, null)),
        ["lead: delete"] = (Deleters, async (s, w) => await s.Get<LeadService>().DeleteAsync(await w.LeadAsync())),
        ["lead: restore"] = (Deleters, async (s, w) => await s.Get<LeadService>().RestoreAsync(await w.LeadAsync(l => l.Trash()))),
        ["lead: disqualify"] = (Editors, async (s, w) => await s.Get<LeadService>().DisqualifyAsync(await w.LeadAsync(), DisqualificationReasons.Other, null)),
        ["lead: reopen"] = (Editors, async (s, w) => await s.Get<LeadService>().ReopenAsync(await w.LeadAsync(l => l.SetOutcome(LeadStatus.Disqualified)))),
        ["lead: change stage"] = (Editors, async (s, w) => await s.Get<LeadStageService>().ChangeStageAsync(await w.LeadAsync(), w.Workspace.SecondStageId)),
        ["lead: set status"] = (Editors, async (s, w) => await s.Get<SimpleStatus>().SetAsync(await w.LeadAsync(), "qualified")),
        ["bulk: update"] = (Editors, async (s, w) => await s.Get<BulkLeadService>().UpdateAsync([await w.LeadAsync()], new BulkChanges { Priority = LeadPriority.High })),
        ["bulk: delete"] = (Deleters, async (s, w) => await s.Get<BulkLeadService>().DeleteAsync([await w.LeadAsync()])),
        ["bulk: restore"] = (Deleters, async (s, w) => await s.Get<BulkLeadService>().RestoreAsync([await w.LeadAsync(l => l.Trash())])),
        ["notes: read"] = (Everyone, async (s, w) => await s.Get<NoteService>().ListAsync(w.Lead)),
        ["notes: add"] = (Editors, async (s, w) => await s.Get<NoteService>().AddAsync(w.Lead, "A note")),
        // A note written through the API has no author: an admin, or a token that may edit, may change it.
        ["notes: edit"] = (Deleters.Replace("Manager ", "", StringComparison.Ordinal), async (s, w) => await s.Get<NoteService>().EditAsync(w.Lead, await w.AuthorlessNoteAsync(), "Edited")),
        ["notes: delete"] = (Deleters.Replace("Manager ", "", StringComparison.Ordinal), async (s, w) => await s.Get<NoteService>().DeleteAsync(w.Lead, await w.AuthorlessNoteAsync())),
        ["activities: read"] = (Everyone, async (s, w) => await s.Get<ActivityService>().ListAsync(w.Lead)),
        ["activities: log"] = (Editors, async (s, w) => await s.Get<ActivityService>().LogAsync(w.Lead, new LogActivity(ActivityType.Call, "Called", null, w.Now))),
        ["history: read"] = (Everyone, async (s, w) => await s.Get<HistoryService>().ListAsync(w.Lead)),
        ["team roles"] = (SettingsReaders, async (s, _) => await s.Get<TeamService>().RolesAsync()),
        ["team: read"] = (Everyone, async (s, w) => await s.Get<TeamService>().ListAsync(w.Lead)),
        ["team: add"] = (Editors, async (s, w) => await s.Get<TeamService>().AddAsync(await w.LeadAsync(), w.RepId, "sales_rep")),
        ["team: remove"] = (Editors, async (s, w) => await s.Get<TeamService>().RemoveAsync(await w.LeadWithTeamAsync(), w.RepId)),
        ["product catalog"] = (SettingsReaders, async (s, _) => await s.Get<ProductService>().CatalogAsync()),
        ["products: read"] = (Everyone, async (s, w) => await s.Get<ProductService>().ListAsync(w.Lead)),
        ["products: add"] = (Editors, async (s, w) => await s.Get<ProductService>().AddAsync(await w.LeadAsync(), new ProductLineInput(w.ProductId, 1, null, 0))),
        ["products: change"] = (Editors, async (s, w) => await s.Get<ProductService>().UpdateAsync(w.Lead, await w.ProductLineAsync(), new ProductLineInput(Guid.Empty, 2, null, 0))),
        ["products: remove"] = (Editors, async (s, w) => await s.Get<ProductService>().RemoveAsync(w.Lead, await w.ProductLineAsync())),
        ["documents: read"] = (Everyone, async (s, w) => await s.Get<DocumentService>().ListAsync(w.Lead)),
        ["documents: upload"] = (Editors, async (s, w) => await s.Get<DocumentService>().UploadAsync(w.Lead, "a.txt", "text/plain", new MemoryStream("hello"u8.ToArray()))),
        ["documents: download"] = (Everyone, async (s, w) => (await s.Get<DocumentService>().OpenAsync(w.Lead, await w.DocumentAsync())).Content.Dispose()),
        ["documents: delete"] = (Editors, async (s, w) => await s.Get<DocumentService>().DeleteAsync(w.Lead, await w.DocumentAsync())),
        ["lead settings: change"] = (SettingsAdmins, async (s, _) => await s.Get<LeadSettingsService>().SetVisibilityAsync(LeadVisibility.All)),
        ["lead settings: trash retention"] = (SettingsAdmins, async (s, _) => await s.Get<LeadSettingsService>().SetTrashRetentionDaysAsync(30)),
        ["lead: erase"] = (SettingsAdmins, async (s, w) => await s.Get<LeadErasureService>().EraseAsync(await w.LeadAsync())),
        ["erasures: list"] = (SettingsAdmins, async (s, _) => await s.Get<LeadErasureService>().ListAsync()),
        ["web forms: list"] = (SettingsAdmins, async (s, _) => await s.Get<WebFormService>().ListAsync()),
        ["web forms: create"] = (SettingsAdmins, async (s, _) => await s.Get<WebFormService>().CreateAsync(new WebFormInput("Contact", [WebFormFields.Name, WebFormFields.Email], null, null, null, null, null))),
        ["webhooks: list"] = (SettingsAdmins, async (s, _) => await s.Get<WebhookService>().ListAsync()),
        ["webhooks: deliveries"] = (SettingsAdmins, async (s, _) => await s.Get<WebhookService>().DeliveriesAsync()),
        ["webhooks: create"] = (SettingsAdmins, async (s, _) => await s.Get<WebhookService>().CreateAsync("https://93.184.216.34/hook", [WebhookEvents.LeadCreated])),
        // Only a person signed in as an admin: a token, whatever its scopes, cannot issue tokens.
        ["API tokens: list"] = ("Admin", async (s, _) => await s.Get<ApiTokenService>().ListAsync()),
        ["API tokens: create"] = ("Admin", async (s, _) => await s.Get<ApiTokenService>().CreateAsync("Site", [ApiScopes.LeadsRead], null)),
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var operation in Operations.Keys)
        {
            foreach (var actor in Actors)
            {
                cases.Add(operation, actor);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachOperation_IsAllowedToExactlyTheActorsItNames(string operation, string actor)
    {
        var (allowed, run) = Operations[operation];
        await using var scope = world.ScopeAs(actor);

        if (allowed.Split(' ').Contains(actor))
        {
            await run(scope, world); // completes: no ForbiddenException, nor anything else
        }
        else
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => run(scope, world));
        }
    }

    /// <summary>A workspace with an admin, a manager and a rep, a lead to read, a product and a team role.</summary>
    public sealed class World : SharedDatabase
    {
        public WorkspaceSeed Workspace { get; private set; } = null!;
        public Guid Lead { get; private set; }
        public Guid AdminId { get; private set; }
        public Guid ManagerId { get; private set; }
        public Guid RepId { get; private set; }
        public Guid ProductId { get; private set; }
        public DateTime Now => Fixture.Clock.GetUtcNow().UtcDateTime;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Workspace = await TestData.NewWorkspaceAsync(Fixture);
            AdminId = await TestData.MemberAsync(Fixture, Workspace, "Ada Admin", WorkspaceRole.Admin);
            ManagerId = await TestData.MemberAsync(Fixture, Workspace, "Max Manager", WorkspaceRole.Manager);
            RepId = await TestData.MemberAsync(Fixture, Workspace, "Rae Rep", WorkspaceRole.SalesRep);
            Lead = await TestData.LeadAsync(Fixture, Workspace, "Reader");
            ProductId = await TestData.ProductAsync(Fixture, Workspace, "Plan", 100m);
            await TestData.TeamRoleAsync(Fixture, Workspace, "sales_rep", "Sales rep");
        }

        public AsyncServiceScope ScopeAs(string actor)
        {
            switch (actor)
            {
                case "Admin":
                    return Fixture.ScopeAs(Workspace.WorkspaceId, AdminId, WorkspaceRole.Admin);
                case "Manager":
                    return Fixture.ScopeAs(Workspace.WorkspaceId, ManagerId, WorkspaceRole.Manager);
                case "SalesRep":
                    return Fixture.ScopeAs(Workspace.WorkspaceId, RepId, WorkspaceRole.SalesRep);
            }
            var scope = Fixture.Services.CreateAsyncScope();
            string[] scopes = actor == "no scope" ? [] : [actor];
            scope.Get<CurrentActor>().SetMachine(Workspace.WorkspaceId, Guid.NewGuid(), ApiScopes.PermissionsOf(scopes));
            return scope;
        }

        /// <summary>A fresh lead for an operation that changes it.</summary>
        public Task<Guid> LeadAsync(Action<Lead>? configure = null) =>
            TestData.LeadAsync(Fixture, Workspace, $"L{Guid.NewGuid():N}"[..12], l => configure?.Invoke(l));

        public async Task<Guid> LeadWithTeamAsync()
        {
            var lead = await LeadAsync();
            await using var scope = Fixture.ScopeAs(Workspace.WorkspaceId, AdminId, WorkspaceRole.Admin);
            await scope.Get<TeamService>().AddAsync(lead, RepId, "sales_rep");
            return lead;
        }

        public async Task<Guid> AuthorlessNoteAsync()
        {
            await using var scope = Fixture.ScopeAs(Workspace.WorkspaceId);
            return await scope.Get<NoteService>().AddAsync(Lead, "Written by an integration");
        }

        public async Task<Guid> ProductLineAsync()
        {
            await using var scope = Fixture.ScopeAs(Workspace.WorkspaceId);
            return await scope.Get<ProductService>().AddAsync(Lead, new ProductLineInput(ProductId, 1, null, 0));
        }

        public async Task<Guid> DocumentAsync()
        {
            await using var scope = Fixture.ScopeAs(Workspace.WorkspaceId);
            return await scope.Get<DocumentService>().UploadAsync(Lead, "b.txt", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("file")));
        }
    }
}
