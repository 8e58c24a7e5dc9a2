using System.Globalization;
using Microsoft.Playwright;

namespace LeadDesk.Benchmarks;

/// <summary>
/// The interactive pages in headless Chromium against the Release app: a list filter change and a board drop, timed in
/// the page from the browser event to the updated DOM; then the same with <c>circuits</c> more tabs open (a third each on
/// the list, the board and a lead page), and the server's memory per open circuit of each kind after a full collection.
/// </summary>
internal static class CircuitBenchmark
{
    // In the page: choose a status in the list's Status filter and wait for the total to change.
    private const string FilterScript = """
        async (status) => {
          const total = () => document.querySelector('[data-testid=lead-total]')?.textContent ?? '';
          const before = total();
          const item = [...document.querySelectorAll('.mud-popover-open .mud-list-item')].find(i => i.textContent.trim() === status);
          return await new Promise(resolve => {
            const start = performance.now();
            const observer = new MutationObserver(() => {
              // The grid starts again on a new URL: look the total up each time, and wait for its new figure.
              if (total() !== before && total() !== '') { observer.disconnect(); resolve(performance.now() - start); }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            setTimeout(() => { observer.disconnect(); resolve(-1); }, 10000);
            item.click();
          });
        }
        """;

    // In the page: note when the drop event fires, then wait until the target column's count changes.
    private const string DropWatchScript = """
        (stage) => {
          const count = document.querySelector(`section.ld-column[data-stage-id='${stage}'] [data-testid=column-count]`);
          const before = count.textContent;
          window.ldDrop = new Promise(resolve => {
            let start = 0;
            document.addEventListener('drop', () => { start = performance.now(); }, { capture: true, once: true });
            const observer = new MutationObserver(() => {
              if (start > 0 && count.textContent !== before) { observer.disconnect(); resolve(performance.now() - start); }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            setTimeout(() => { observer.disconnect(); resolve(-1); }, 10000);
          });
        }
        """;

    // Interactions before the measured ones. A server that has been running has its hot code in the JIT's optimised tier
    // (tiered compilation recompiles a method after 30 calls); with 3 of them, the first measured interactions of a freshly
    // started app were up to twice as slow, and the p95 of 20 samples was mostly theirs.
    private const int WarmUp = 20;

    private static readonly string[] Statuses = ["Open", "Converted", "Disqualified", "Any status"];

    public static async Task<int> RunAsync(string database, int samples, int circuits)
    {
        using var app = PageBenchmark.StartApp(database, ApiBenchmark.Unlimited, out var baseUrl);
        try
        {
            using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) })
            {
                await PageBenchmark.WaitHealthyAsync(http, app);
            }
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("LEADDESK_CHROMIUM") ?? "/usr/bin/chromium",
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
            });
            // "localhost": Chromium keeps the app's Secure cookies (Production) on a plain-http localhost, not on 127.0.0.1.
            var context = await browser.NewContextAsync(new()
            {
                BaseURL = baseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
                ViewportSize = new() { Width = 1680, Height = 900 },
            });
            var page = await context.NewPageAsync();
            await SignInAsync(page);

            var quiet = (List: await FilterTimesAsync(page, samples), Drop: await DropTimesAsync(page, samples));
            var leads = await page.Locator(".ld-kcard a.ld-kcard-name").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

            // A third of the circuits on each page; the server's memory after each third, once a full collection ran.
            var tabs = new List<IPage>();
            var memory = new List<(string Opened, int Count, Memory After)> { ("1 circuit (the measuring tab)", 0, await MemoryAsync(app)) };
            var third = circuits / 3;
            await OpenTabsAsync(context, tabs, _ => "/leads", third);
            memory.Add(("lead list", third, await MemoryAsync(app)));
            await OpenTabsAsync(context, tabs, _ => "/board", third);
            memory.Add(("board", third, await MemoryAsync(app)));
            await OpenTabsAsync(context, tabs, i => leads[i % leads.Length], circuits - 2 * third);
            memory.Add(("lead page", circuits - 2 * third, await MemoryAsync(app)));
            var busy = (List: await FilterTimesAsync(page, samples), Drop: await DropTimesAsync(page, samples));

            Console.WriteLine($"{samples} samples each; {Environment.ProcessorCount} cores; SQLite; headless Chromium.");
            Console.WriteLine();
            Console.WriteLine($"| interaction (browser event → updated DOM) | p50 ms | p95 ms | with {circuits} circuits open: p50 | p95 |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Row("list: a status filter chosen", quiet.List, busy.List);
            Row("board: a card dropped on another column", quiet.Drop, busy.Drop);
            Console.WriteLine();
            Console.WriteLine("| circuits opened | managed heap after a full GC, MB | per circuit | working set, MB | per circuit |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            for (var i = 0; i < memory.Count; i++)
            {
                var (opened, count, after) = memory[i];
                var before = i == 0 ? after : memory[i - 1].After;
                Console.WriteLine(count == 0
                    ? FormattableString.Invariant($"| {opened} | {after.Heap:F1} | | {after.WorkingSet:F0} | |")
                    : FormattableString.Invariant(
                        $"| +{count} {opened} | {after.Heap:F1} | {(after.Heap - before.Heap) / count:F2} | {after.WorkingSet:F0} | {(after.WorkingSet - before.WorkingSet) / count:F2} |"));
            }
            return 0;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    // A sample that did not show within 10 s counts as 10 s (and the table says how many there were).
    private static void Row(string name, List<double> quiet, List<double> busy) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {P(quiet, 50)} | {P(quiet, 95)} | {P(busy, 50)} | {P(busy, 95)}{(busy.Any(t => t < 0) ? $" ({busy.Count(t => t < 0)} over 10 s)" : "")} |"));

    private static string P(List<double> times, int percentile) =>
        PageBenchmark.Percentile([.. times.Select(t => t < 0 ? 10_000 : t)], percentile).ToString("F0", CultureInfo.InvariantCulture);

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator("#email").FillAsync("admin@bench.leaddesk.test");
        await page.Locator("#password").FillAsync(LeadGenerator.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-ld-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static async Task<List<double>> FilterTimesAsync(IPage page, int samples)
    {
        await page.GotoAsync("/leads");
        await page.Locator("[data-ld-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=lead-grid] a.ld-lead-link").First.WaitForAsync();
        var times = new List<double>();
        for (var i = 0; i < samples + WarmUp; i++)
        {
            await page.Locator("[data-filter=status]").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync();
            var time = await page.EvaluateAsync<double>(FilterScript, Statuses[i % Statuses.Length]);
            if (i >= WarmUp)
            {
                times.Add(time);
            }
        }
        return times;
    }

    private static async Task<List<double>> DropTimesAsync(IPage page, int samples)
    {
        await page.GotoAsync("/board");
        await page.Locator("[data-ld-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var stages = await page.Locator("section.ld-column").EvaluateAllAsync<string[]>("columns => columns.map(c => c.dataset.stageId)");
        var times = new List<double>();
        for (var i = 0; i < samples + WarmUp; i++)
        {
            // Back and forth between the first two stages (neither asks for details).
            var (from, to) = i % 2 == 0 ? (stages[0], stages[1]) : (stages[1], stages[0]);
            await page.EvaluateAsync(DropWatchScript, to);
            await page.Locator($"section.ld-column[data-stage-id='{from}'] .ld-kcard").First
                .DragToAsync(page.Locator($"section.ld-column[data-stage-id='{to}'] [data-cards]"));
            var time = await page.EvaluateAsync<double>("() => window.ldDrop");
            if (i >= WarmUp)
            {
                times.Add(time);
            }
            await page.WaitForTimeoutAsync(1200); // let the live refresh of the move pass before the next one
        }
        return times;
    }

    private static async Task OpenTabsAsync(IBrowserContext context, List<IPage> tabs, Func<int, string> path, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var tab = await context.NewPageAsync();
            await tab.GotoAsync(path(i));
            await tab.Locator("[data-ld-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            tabs.Add(tab);
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // the grids' first reads settle
    }

    private sealed record Memory(double Heap, double WorkingSet);

    private static async Task<Memory> MemoryAsync(System.Diagnostics.Process app)
    {
        var heap = await ManagedHeap.AfterFullCollectionMegabytesAsync(app.Id);
        app.Refresh();
        return new Memory(heap, app.WorkingSet64 / 1024.0 / 1024.0);
    }
}
