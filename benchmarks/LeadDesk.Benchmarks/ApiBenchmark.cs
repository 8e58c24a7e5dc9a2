using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Data;
using LeadDesk.Core.Seeding;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Benchmarks;

/// <summary>
/// The API budgets (DESIGN.md §5) on the generated database: <c>GET /api/v1/leads</c> with a filter and a sort
/// (p95 ≤ 20 ms), then <c>POST /api/external/v1/leads</c> from many concurrent clients (≥ 1,500 created leads/s),
/// and a check that every lead the API acknowledged is in the database.
/// </summary>
internal static class ApiBenchmark
{
    /// <summary>The benchmarks measure throughput, not the per-token and per-address limits.</summary>
    public static readonly Dictionary<string, string?> Unlimited = new()
    {
        ["Api__RateLimit__PermitsPerSecond"] = "1000000",
        ["Api__RateLimit__Burst"] = "1000000",
        ["Api__RateLimit__PerAddressPerSecond"] = "1000000",
        ["Api__RateLimit__PerAddressBurst"] = "1000000",
    };

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);
    private const string ListPath = "/api/v1/leads?limit=50&status=open&priority=high&sortBy=score";

    public static async Task<int> RunAsync(string database, int requests, int clients, int seconds)
    {
        using var app = PageBenchmark.StartApp(database, Unlimited, out var baseUrl);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            await PageBenchmark.WaitHealthyAsync(http, app); // the app migrates the database before the token is made
            http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(database));
            Console.WriteLine($"{Environment.ProcessorCount} cores; SQLite (synchronous={Environment.GetEnvironmentVariable("Database__SqliteSynchronous") ?? "Full"}); {await CountAsync(database):N0} leads in the workspace.");

            var times = new List<double>();
            for (var i = 0; i < requests + 20; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(ListPath, UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {ListPath} answered {(int)response.StatusCode}");
                }
                if (i >= 20)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GET {ListPath}: {requests} requests, p50 {PageBenchmark.Percentile(times, 50):F1} ms, p95 {PageBenchmark.Percentile(times, 95):F1} ms, max {times.Max():F1} ms (budget p95 ≤ 20 ms)"));

            // The first seconds run code the JIT has not optimised yet; they are posted but not counted.
            var (warmUp, warmUpFailed, warmUpTime) = await CaptureAsync(http, clients, WarmUp);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up: {warmUp.Count / warmUpTime.TotalSeconds:N0} leads/s for {warmUpTime.TotalSeconds:F0} s (not counted)"));
            var (created, failed, elapsed) = await CaptureAsync(http, clients, TimeSpan.FromSeconds(seconds), report: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST /api/external/v1/leads: {clients} clients for {elapsed.TotalSeconds:F1} s: {created.Count:N0} created (201), {failed} failed, {created.Count / elapsed.TotalSeconds:N0} leads/s (budget ≥ 1,500/s)"));
            var acknowledged = created.Concat(warmUp).ToList();
            var present = await PresentAsync(database, acknowledged);
            Console.WriteLine($"acknowledged leads found in the database afterwards: {present:N0} of {acknowledged.Count:N0}{(present == acknowledged.Count ? " — nothing lost" : " — LEADS LOST")}");
            return present == acknowledged.Count && failed + warmUpFailed == 0 ? 0 : 1;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Starts the app on the database with no rate limits and prints its address and a fresh token, for an outside load
    /// generator (<c>benchmarks/baseline.sh</c> drives it with wrk); runs until its standard input closes.
    /// </summary>
    public static async Task<int> ServeAsync(string database)
    {
        using var app = PageBenchmark.StartApp(database, Unlimited, out var baseUrl);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await PageBenchmark.WaitHealthyAsync(http, app); // migrated by the app before the token is made
            Console.WriteLine($"URL={baseUrl}");
            Console.WriteLine($"BENCH_TOKEN={await TokenAsync(database)}");
            await Console.In.ReadToEndAsync();
            return 0;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static async Task<(ConcurrentBag<Guid> Created, int Failed, TimeSpan Elapsed)> CaptureAsync(HttpClient http, int clients, TimeSpan duration, bool report = false)
    {
        var created = new ConcurrentBag<Guid>();
        var failed = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var reported = 0;
        using var progress = report ? new Timer(_ =>
        {
            var count = created.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {clock.Elapsed.TotalSeconds,4:F0} s: {(count - reported) / ReportEvery.TotalSeconds:N0} leads/s in the last {ReportEvery.TotalSeconds:F0} s"));
            reported = count;
        }, null, ReportEvery, ReportEvery) : null;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var body = new { name = $"Load {client}-{n}", email = $"load-{run}-{client}-{n}@example.com", source = "Load test", notes = "Posted by the API benchmark" };
                using var response = await http.PostAsJsonAsync("/api/external/v1/leads", body);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    created.Add(json.RootElement.GetProperty("_id").GetGuid());
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return (created, failed, clock.Elapsed);
    }

    /// <summary>A leads:read + leads:write token for the generated workspace, made through the service as its admin.</summary>
    public static async Task<string> TokenAsync(string database)
    {
        await using var services = LeadGenerator.Services(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var workspace = await db.Workspaces.SingleAsync(w => w.Slug == DemoSeeder.DemoSlug);
        var admin = await db.WorkspaceMembers.IgnoreQueryFilters().Where(m => m.WorkspaceId == workspace.Id && m.Role == WorkspaceRole.Admin).Select(m => m.UserId).FirstAsync();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(admin, workspace.Id, WorkspaceRole.Admin);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync($"API benchmark {DateTime.UtcNow:O}", [ApiScopes.LeadsRead, ApiScopes.LeadsWrite], null);
        return token.Secret;
    }

    private static async Task<int> CountAsync(string database)
    {
        await using var services = LeadGenerator.Services(database);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Leads.IgnoreQueryFilters().CountAsync();
    }

    public static async Task<int> PresentAsync(string database, IReadOnlyCollection<Guid> ids)
    {
        await using var services = LeadGenerator.Services(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var present = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            present += await db.Leads.IgnoreQueryFilters().CountAsync(l => chunk.Contains(l.Id));
        }
        return present;
    }
}
