using System.Diagnostics;
using Bogus;
using LeadDesk.Core;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Seeding;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Benchmarks;

/// <summary>
/// A demo database with a large workspace: the demo's users, then <c>leads</c> leads in workspace
/// <c>demo</c>, of which <c>boardOpen</c> are open in the default "Sales" pipeline (the board) and the
/// rest are closed Sales leads or open leads of a second "Partners" pipeline.
/// </summary>
internal static class LeadGenerator
{
    public const string Password = "bench-password-1";
    private const int BatchSize = 5_000;

    public static async Task RunAsync(string database, int leads, int boardOpen)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
        await using var services = Services(database);
        if (!await services.PrepareDatabaseAsync())
        {
            throw new InvalidOperationException("The database could not be prepared.");
        }

        var clock = Stopwatch.StartNew();
        var (workspaceId, adminId, owners, sales, partners) = await WorkspaceAsync(services);
        var faker = new Faker { Random = new Randomizer(42) };
        string[] sources = ["Website", "Referral", "LinkedIn", "Trade show", "Cold call", "Partner", "Webinar"];
        var now = DateTime.UtcNow;
        for (var start = 0; start < leads; start += BatchSize)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(adminId, workspaceId, WorkspaceRole.Admin);
            var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
            for (var i = start; i < Math.Min(leads, start + BatchSize); i++)
            {
                // The first boardOpen leads are the board's; then closed Sales leads; the last half open Partner leads.
                var onBoard = i < boardOpen;
                var partner = !onBoard && i >= leads / 2;
                var pipeline = partner ? partners : sales;
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                var created = now.AddMinutes(-faker.Random.Int(0, 365 * 24 * 60));
                var lead = new Lead
                {
                    FirstName = first,
                    LastName = last,
                    Email = $"{first}.{last}.{i}@example.com".ToLowerInvariant(),
                    Phone = "+1" + faker.Random.ReplaceNumbers("##########"),
                    Company = faker.Company.CompanyName(),
                    Title = faker.Name.JobTitle(),
                    Source = faker.PickRandom(sources),
                    Channel = faker.PickRandom<LeadChannel>(),
                    Priority = faker.PickRandom<LeadPriority>(),
                    EstimatedValue = faker.Random.Bool(0.85f) ? Math.Round(faker.Random.Decimal(1_000, 120_000) / 500) * 500 : null,
                    Score = faker.Random.Int(0, 100),
                    OwnerId = faker.Random.Bool(0.9f) ? faker.PickRandom(owners) : null,
                };
                lead.Backdate(created);
                if (!onBoard && !partner)
                {
                    if (faker.Random.Bool())
                    {
                        lead.Convert(created.AddDays(7));
                    }
                    else
                    {
                        lead.Disqualify(DisqualificationReasons.Other, null, created.AddDays(3));
                    }
                }
                lead.MoveTo(faker.PickRandom(pipeline.Stages.ToList()));
                db.Leads.Add(lead);
                db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Created, "Lead created", null, created));
            }
            await db.SaveChangesAsync();
            Console.Write($"\r{Math.Min(leads, start + BatchSize):N0} leads");
        }
        Console.WriteLine($"\rgenerated {leads:N0} leads ({boardOpen:N0} open on the Sales board) in {clock.Elapsed.TotalSeconds:N1} s into {database}");
        Console.WriteLine($"sign in as admin@bench.leaddesk.test / {Password}");
    }

    public static ServiceProvider Services(string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(database)).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLeadDeskCore(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }

    /// <summary>The settings the generator and the app under test share.</summary>
    public static Dictionary<string, string?> Settings(string database) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:LeadDesk"] = $"Data Source={database}",
        ["Seed:Demo"] = "true",
        ["Seed:Password"] = Password,
        ["Seed:EmailDomain"] = "bench.leaddesk.test",
        ["Seed:LeadCount"] = "0",
    };

    private static async Task<(Guid Workspace, Guid Admin, Guid[] Owners, Pipeline Sales, Pipeline Partners)> WorkspaceAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var workspace = await db.Workspaces.SingleAsync(w => w.Slug == DemoSeeder.DemoSlug);
        var members = await db.WorkspaceMembers.IgnoreQueryFilters().Where(m => m.WorkspaceId == workspace.Id).ToListAsync();
        var admin = members.First(m => m.Role == WorkspaceRole.Admin).UserId;
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(admin, workspace.Id, WorkspaceRole.Admin);
        var sales = await db.Pipelines.Include(p => p.Stages).SingleAsync(p => p.IsDefault);
        var partners = new Pipeline("Partners", PipelineModule.Leads) { SortOrder = 1 };
        partners.AddStage("new", "New", "#6c8ebf", 10);
        partners.AddStage("vetting", "Vetting", "#4aa3a1", 30);
        partners.AddStage("onboarding", "Onboarding", "#d49a2a", 70);
        db.Pipelines.Add(partners);
        await db.SaveChangesAsync();
        return (workspace.Id, admin, members.Select(m => m.UserId).ToArray(), sales, partners);
    }
}
