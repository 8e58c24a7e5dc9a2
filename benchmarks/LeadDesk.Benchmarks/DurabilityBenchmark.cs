using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadDesk.Benchmarks;

/// <summary>
/// Kills the app with SIGKILL in the middle of a capture load, restarts it, and checks that every lead the API
/// acknowledged (201) before the kill is in the database: an acknowledged lead is never lost to a crash.
/// </summary>
internal static class DurabilityBenchmark
{
    public static async Task<int> RunAsync(string database, int rounds, int clients)
    {
        string? token = null;
        var acknowledged = new ConcurrentBag<Guid>();
        var failures = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var app = PageBenchmark.StartApp(database, ApiBenchmark.Unlimited, out var baseUrl);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            await PageBenchmark.WaitHealthyAsync(http, app);
            token ??= await ApiBenchmark.TokenAsync(database); // once the app has migrated the database
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);

            var before = acknowledged.Count;
            using var stop = new CancellationTokenSource();
            var load = Task.WhenAll(Enumerable.Range(0, clients).Select(client => PostUntilKilledAsync(http, round, client, acknowledged, stop.Token)));
            var killAfter = TimeSpan.FromMilliseconds(Random.Shared.Next(3_000, 8_000));
            await Task.Delay(killAfter);
            var clock = Stopwatch.StartNew();
            app.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush, no chance to finish a commit
            await app.WaitForExitAsync();
            await stop.CancelAsync();
            await load;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: killed after {killAfter.TotalSeconds:F1} s of load; {acknowledged.Count - before:N0} leads acknowledged in the round (exit took {clock.ElapsedMilliseconds} ms)"));
        }

        // A last start recovers the write-ahead log exactly as a restart after a crash does.
        var check = PageBenchmark.StartApp(database, ApiBenchmark.Unlimited, out var checkUrl);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(checkUrl) };
            await PageBenchmark.WaitHealthyAsync(http, check);
            var present = await ApiBenchmark.PresentAsync(database, [.. acknowledged]);
            Console.WriteLine($"after {rounds} kills: {present:N0} of {acknowledged.Count:N0} acknowledged leads present{(present == acknowledged.Count ? " — nothing lost" : " — LEADS LOST")}");
            failures += acknowledged.Count - present;
        }
        finally
        {
            check.Kill(entireProcessTree: true);
            await check.WaitForExitAsync();
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task PostUntilKilledAsync(HttpClient http, int round, int client, ConcurrentBag<Guid> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                var body = new { name = $"Crash {round}-{client}-{n}", email = $"crash-{Guid.NewGuid():N}@example.com", source = "Durability test" };
                using var response = await http.PostAsJsonAsync("/api/external/v1/leads", body, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                    acknowledged.Add(json.RootElement.GetProperty("_id").GetGuid());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The app was killed under this request: it was never acknowledged.
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }
    }
}
