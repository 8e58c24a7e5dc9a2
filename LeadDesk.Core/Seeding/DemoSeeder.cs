using Bogus;
using LeadDesk.Core.Accounts;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core.Seeding;

/// <summary>
/// First-start demo: workspace <c>demo</c> (admin, manager, two reps, the default Sales pipeline and
/// a few hundred leads) and a smaller, Brazilian <c>northwind</c> workspace (phone region BR) so switching has
/// somewhere to go.
/// Idempotent: it does nothing once the <c>demo</c> workspace exists.
/// </summary>
public sealed partial class DemoSeeder(
    LeadDeskDbContext db,
    CurrentActor actor,
    UserManager<AppUser> users,
    TimeProvider clock,
    IOptions<SeedOptions> options,
    ILogger<DemoSeeder> logger)
{
    public const string DemoSlug = "demo";
    public const string SecondSlug = "northwind";

    private static readonly string[] Sources = ["Website", "Referral", "LinkedIn", "Trade show", "Cold call", "Partner", "Webinar"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seed = options.Value;
        if (!seed.Demo || await db.Workspaces.AnyAsync(w => w.Slug == DemoSlug, cancellationToken))
        {
            return;
        }
        if (string.IsNullOrEmpty(seed.Password))
        {
            LogNoPassword(logger);
            return;
        }

        var admin = await CreateUserAsync($"admin@{seed.EmailDomain}", "Ada Admin", seed.Password);
        var manager = await CreateUserAsync($"manager@{seed.EmailDomain}", "Morgan Manager", seed.Password);
        var rep1 = await CreateUserAsync($"rep1@{seed.EmailDomain}", "Riley Rep", seed.Password);
        var rep2 = await CreateUserAsync($"rep2@{seed.EmailDomain}", "Sam Seller", seed.Password);

        await CreateWorkspaceAsync(DemoSlug, "Demo Company", "US", seed.LeadCount, randomSeed: 2026,
            (admin, WorkspaceRole.Admin), (manager, WorkspaceRole.Manager), (rep1, WorkspaceRole.SalesRep), (rep2, WorkspaceRole.SalesRep));
        // Northwind sells in Brazil: numbers typed there without a country code are Brazilian ("(11) 99999-8888").
        await CreateWorkspaceAsync(SecondSlug, "Northwind Traders", "BR", Math.Min(40, seed.LeadCount), randomSeed: 7,
            (admin, WorkspaceRole.Admin), (manager, WorkspaceRole.SalesRep));
        actor.Set(null, null, null);
        LogSeeded(logger, seed.EmailDomain);
    }

    private async Task<AppUser> CreateUserAsync(string email, string displayName, string password)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo user {email} could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))} Check Seed:Password.");
        }
        return user;
    }

    private async Task CreateWorkspaceAsync(string slug, string name, string phoneRegion, int leadCount, int randomSeed,
        params (AppUser User, WorkspaceRole Role)[] members)
    {
        var workspace = new Workspace(slug, name);
        workspace.SetPhoneRegion(phoneRegion);
        db.Workspaces.Add(workspace);
        actor.Set(members[0].User.Id, workspace.Id, WorkspaceRole.Admin);
        foreach (var (user, role) in members)
        {
            db.WorkspaceMembers.Add(new WorkspaceMember(user.Id, role));
        }

        var pipeline = new Pipeline("Sales", PipelineModule.Leads) { IsDefault = true };
        pipeline.AddStage("new", "New", "#6c8ebf", 10);
        pipeline.AddStage("contacted", "Contacted", "#4aa3a1", 25);
        pipeline.AddStage("qualified", "Qualified", "#7a9a3c", 45);
        var proposal = pipeline.AddStage("proposal", "Proposal", "#d49a2a", 65);
        var negotiation = pipeline.AddStage("negotiation", "Negotiation", "#c8553d", 80);
        db.Pipelines.Add(pipeline);
        // Entering these stages asks for what a manager needs to forecast the deal.
        db.StageFields.AddRange(
            new StageField(proposal.Id, "proposal_amount", "Proposal amount", StageFieldType.Number, isRequired: true) { SortOrder = 0 },
            new StageField(negotiation.Id, "close_date", "Expected close date", StageFieldType.Date, isRequired: true) { SortOrder = 0 },
            new StageField(negotiation.Id, "decision_maker", "Decision maker", StageFieldType.Text, isRequired: false) { SortOrder = 1 });
        db.LeadSettings.Add(new LeadSettings { Visibility = LeadVisibility.All });
        AddTeamRolesAndProducts();

        var leads = GenerateLeads(pipeline, members.Select(m => m.User.Id).ToArray(), leadCount, randomSeed, phoneRegion).ToList();
        db.Leads.AddRange(leads);
        db.LeadActivities.AddRange(leads.Select(l => new LeadActivity(l.Id, ActivityType.Created, "Lead created", $"via {l.Channel.ToString().ToLowerInvariant()}, source {l.Source}", l.CreatedAt)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private void AddTeamRolesAndProducts()
    {
        string[][] roles = [["sales_rep", "Sales rep"], ["account_executive", "Account executive"], ["solution_engineer", "Solution engineer"], ["executive_sponsor", "Executive sponsor"]];
        db.TeamRoles.AddRange(roles.Select((r, i) => new TeamRole(r[0], r[1]) { SortOrder = i }));
        db.Products.AddRange(
            new Product("Starter plan (annual)", 1_200m) { Sku = "PLAN-STARTER" },
            new Product("Growth plan (annual)", 4_800m) { Sku = "PLAN-GROWTH" },
            new Product("Enterprise plan (annual)", 18_000m) { Sku = "PLAN-ENT" },
            new Product("Onboarding package", 2_500m) { Sku = "SVC-ONBOARD" },
            new Product("Premium support (annual)", 3_000m) { Sku = "SVC-SUPPORT" },
            new Product("Extra seat (annual)", 240m) { Sku = "SEAT" });
    }

    private IEnumerable<Lead> GenerateLeads(Pipeline pipeline, Guid[] owners, int count, int randomSeed, string phoneRegion)
    {
        var faker = new Faker(phoneRegion == "BR" ? "pt_BR" : "en") { Random = new Randomizer(randomSeed) };
        var now = clock.GetUtcNow().UtcDateTime;
        // Funnel shape: most leads sit in the early stages.
        float[] stageWeights = [0.32f, 0.26f, 0.18f, 0.14f, 0.10f];
        for (var i = 0; i < count; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var company = faker.Company.CompanyName();
            var stage = faker.Random.WeightedRandom(pipeline.Stages.ToArray(), stageWeights);
            var status = faker.Random.WeightedRandom([LeadStatus.Open, LeadStatus.Converted, LeadStatus.Disqualified], [0.82f, 0.08f, 0.10f]);
            var created = now.AddMinutes(-faker.Random.Int(0, 90 * 24 * 60));
            var lead = new Lead
            {
                FirstName = first,
                LastName = last,
                Email = faker.Internet.Email(first, last, provider: "example.com").ToLowerInvariant(),
                Phone = phoneRegion == "BR"
                    ? "+55" + faker.PickRandom("11", "21", "31", "41", "51", "61", "71", "81") + "9" + faker.Random.ReplaceNumbers("########")
                    : "+1" + faker.Random.ReplaceNumbers("##########"),
                Company = company,
                Title = faker.Name.JobTitle(),
                Source = faker.PickRandom(Sources),
                Channel = faker.PickRandom<LeadChannel>(),
                PipelineId = pipeline.Id,
                StageId = stage.Id,
                Priority = faker.Random.WeightedRandom([LeadPriority.Low, LeadPriority.Medium, LeadPriority.High, LeadPriority.Critical], [0.25f, 0.45f, 0.22f, 0.08f]),
                EstimatedValue = faker.Random.Bool(0.85f) ? Math.Round(faker.Random.Decimal(1_000, 120_000) / 500) * 500 : null,
                Score = faker.Random.Int(0, 100),
                OwnerId = faker.Random.Bool(0.9f) ? faker.PickRandom(owners) : null,
                Description = faker.Random.Bool(0.4f) ? faker.Lorem.Sentence() : null,
                LastContactAt = faker.Random.Bool(0.6f) ? created.AddHours(faker.Random.Int(1, 240)) : null,
            };
            lead.Backdate(created);
            if (status == LeadStatus.Disqualified)
            {
                lead.Disqualify(faker.PickRandom("no_budget", "no_need", "competitor", "other"), null, created.AddDays(3));
            }
            else if (status == LeadStatus.Converted)
            {
                lead.Convert(created.AddDays(7));
            }
            yield return lead;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed:Demo is on but Seed:Password is not set, so no demo data was created.")]
    private static partial void LogNoPassword(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo workspaces created; users admin@, manager@, rep1@, rep2@{Domain}.")]
    private static partial void LogSeeded(ILogger logger, string domain);
}
