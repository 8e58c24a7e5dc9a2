using LeadDesk.Core.Accounts;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Infrastructure;

public sealed record WorkspaceSeed(Guid WorkspaceId, Guid PipelineId, Guid FirstStageId, Guid SecondStageId);

public sealed record PipelineSeed(Guid PipelineId, Guid FirstStageId, Guid SecondStageId);

/// <summary>Small, explicit test data: a workspace with a two-stage pipeline, and leads in it.</summary>
public static class TestData
{
    public static async Task<WorkspaceSeed> WorkspaceAsync(CoreFixture fixture, string slug)
    {
        var workspace = new Workspace(slug, $"Workspace {slug}");
        await using var scope = fixture.ScopeAs(workspace.Id);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        db.Workspaces.Add(workspace);
        var pipeline = new Pipeline("Sales", PipelineModule.Leads) { IsDefault = true };
        var first = pipeline.AddStage("new", "New", "#6c8ebf", 10);
        var second = pipeline.AddStage("qualified", "Qualified", "#7a9a3c", 50);
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync();
        return new WorkspaceSeed(workspace.Id, pipeline.Id, first.Id, second.Id);
    }

    public static async Task<Guid> LeadAsync(CoreFixture fixture, WorkspaceSeed workspace, string firstName,
        LeadStatus status = LeadStatus.Open, decimal? value = null, bool secondStage = false, Guid? ownerId = null)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var lead = new Lead
        {
            FirstName = firstName,
            LastName = "Tester",
            Email = $"{firstName.ToLowerInvariant()}@example.com",
            PipelineId = workspace.PipelineId,
            StageId = secondStage ? workspace.SecondStageId : workspace.FirstStageId,
            EstimatedValue = value,
            OwnerId = ownerId,
        };
        lead.SetOutcome(status);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    /// <summary>A lead with the fields a test needs set by <paramref name="configure"/> (stage, status and the rest default as above).</summary>
    public static async Task<Guid> LeadAsync(CoreFixture fixture, WorkspaceSeed workspace, string firstName, Action<Lead> configure)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var lead = new Lead
        {
            FirstName = firstName,
            LastName = "Tester",
            Email = $"{firstName.ToLowerInvariant()}@example.com",
            PipelineId = workspace.PipelineId,
            StageId = workspace.FirstStageId,
        };
        configure(lead);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    /// <summary><paramref name="count"/> open leads in one stage, saved together (for paging and board limits).</summary>
    public static async Task<IReadOnlyList<Guid>> ManyLeadsAsync(CoreFixture fixture, WorkspaceSeed workspace, int count, Guid stageId, decimal? value = null)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var leads = Enumerable.Range(1, count)
            .Select(i => new Lead { FirstName = $"Bulk{i:D4}", LastName = "Tester", Email = $"bulk{i}@example.com", PipelineId = workspace.PipelineId, StageId = stageId, EstimatedValue = value })
            .ToList();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads.Select(l => l.Id).ToList();
    }

    /// <summary>
    /// <see cref="WorkspaceAsync"/> with a slug no other test uses (<c>acme-0193…</c>), for tests that share one database
    /// (<see cref="SharedDatabase"/>) and keep apart by working in workspaces of their own.
    /// </summary>
    public static Task<WorkspaceSeed> NewWorkspaceAsync(CoreFixture fixture, string name = "acme") =>
        WorkspaceAsync(fixture, $"{name}-{Guid.CreateVersion7():N}");

    /// <summary>
    /// A user who belongs to no workspace yet, with a unique email; <paramref name="name"/> is the display name. Saved
    /// directly, without a password (hashing one costs more than the rest of a typical test): use
    /// <see cref="TestUsers.CreateAsync"/> for a user who signs in.
    /// </summary>
    public static async Task<Guid> UserAsync(CoreFixture fixture, string name)
    {
        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var user = NewUser(name);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A new user (as <see cref="UserAsync"/>) who is a member of <paramref name="workspace"/> with <paramref name="role"/>.</summary>
    public static async Task<Guid> MemberAsync(CoreFixture fixture, WorkspaceSeed workspace, string name, WorkspaceRole role)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var user = NewUser(name);
        db.Users.Add(user);
        db.WorkspaceMembers.Add(new WorkspaceMember(user.Id, role));
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static AppUser NewUser(string name)
    {
        var email = $"{name}@{Guid.CreateVersion7():N}.test";
        return new AppUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name,
        };
    }

    /// <summary>Another lead pipeline (not the default) with two stages.</summary>
    public static async Task<PipelineSeed> PipelineAsync(CoreFixture fixture, WorkspaceSeed workspace, string name, PipelineModule module = PipelineModule.Leads)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var pipeline = new Pipeline(name, module) { SortOrder = 1 };
        var first = pipeline.AddStage("open", "Open", "#445566", 10);
        var second = pipeline.AddStage("won", "Won", "#778899", 90);
        db.Pipelines.Add(pipeline);
        await db.SaveChangesAsync();
        return new PipelineSeed(pipeline.Id, first.Id, second.Id);
    }

    /// <summary>A field <paramref name="stageId"/> asks for; <paramref name="choices"/> are a select field's options.</summary>
    public static async Task<Guid> StageFieldAsync(CoreFixture fixture, WorkspaceSeed workspace, Guid stageId, string key, string label,
        StageFieldType type = StageFieldType.Text, bool isRequired = true, params string[] choices)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var field = new StageField(stageId, key, label, type, isRequired) { Options = choices.Length == 0 ? null : string.Join('\n', choices) };
        db.StageFields.Add(field);
        await db.SaveChangesAsync();
        return field.Id;
    }

    /// <summary>Changes a stage's settings (ownership rule and the like).</summary>
    public static async Task ConfigureStageAsync(CoreFixture fixture, WorkspaceSeed workspace, Guid stageId, Action<Stage> configure)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        configure(await db.Stages.SingleAsync(s => s.Id == stageId));
        await db.SaveChangesAsync();
    }

    public static async Task<Guid> TeamRoleAsync(CoreFixture fixture, WorkspaceSeed workspace, string key, string name)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var role = new TeamRole(key, name);
        db.TeamRoles.Add(role);
        await db.SaveChangesAsync();
        return role.Id;
    }

    public static async Task<Guid> ProductAsync(CoreFixture fixture, WorkspaceSeed workspace, string name, decimal unitPrice, bool isActive = true)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var product = new Product(name, unitPrice) { IsActive = isActive };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }
}

/// <summary>
/// One migrated database for a whole test class (<c>IClassFixture&lt;SharedDatabase&gt;</c>). Each test still starts from a
/// known state by working only in workspaces it creates (<see cref="TestData.NewWorkspaceAsync"/>, users from
/// <see cref="TestData.MemberAsync"/>): building the schema once per class instead of once per test keeps the
/// PostgreSQL run fast. The clock is shared too, so tests only move it forward and compare times relative to it.
/// </summary>
public class SharedDatabase : IAsyncLifetime
{
    private readonly Dictionary<string, Task<object>> _arranged = [];

    public CoreFixture Fixture { get; private set; } = null!;

    /// <summary>Extra configuration for the fixture (a document folder, say).</summary>
    protected virtual KeyValuePair<string, string?>[] Settings => [];

    public virtual async Task InitializeAsync() => Fixture = await CoreFixture.MigratedAsync(Settings);

    public virtual async Task DisposeAsync() => await Fixture.DisposeAsync();

    /// <summary>
    /// Data arranged once for the whole class under <paramref name="key"/>, for tests that only read it (filters, sorts,
    /// visibility): a test that changes data arranges its own.
    /// </summary>
    public async Task<T> ArrangedOnceAsync<T>(string key, Func<CoreFixture, Task<T>> arrange) where T : notnull
    {
        Task<object> arranged;
        lock (_arranged)
        {
            if (!_arranged.TryGetValue(key, out arranged!))
            {
                arranged = ArrangeAsync();
                _arranged[key] = arranged;
            }
        }
        return (T)await arranged;

        async Task<object> ArrangeAsync() => await arrange(Fixture);
    }
}

public static class ScopeExtensions
{
    /// <summary>A service of the scope: <c>scope.Get&lt;LeadService&gt;()</c>.</summary>
    public static T Get<T>(this AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
}
