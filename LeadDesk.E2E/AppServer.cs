using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace LeadDesk.E2E;

[CollectionDefinition(Name)]
public sealed class SharedAppServer : ICollectionFixture<AppServer>
{
    public const string Name = "LeadDesk app";
}

/// <summary>Runs LeadDesk.Web on a free port with a fresh demo database, and one headless Chromium.</summary>
public sealed class AppServer : IAsyncLifetime
{
    // Generous: on a busy two-core machine, start-up with the demo seed has taken over a minute.
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(180);

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"leaddesk-e2e-{Guid.NewGuid():N}");
    private readonly StringBuilder output = new();
    private Process? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var repo = FindRepoRoot();
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        app = StartApp(repo, WebDll(repo));
        await WaitUntilHealthyAsync(app);

        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LEADDESK_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A browser context with no cookies; <paramref name="locale"/> sets its language (Accept-Language), en-US by default.</summary>
    public Task<IBrowserContext> NewContextAsync(string? locale = null, bool touch = false) => browser!.NewContextAsync(new()
    {
        BaseURL = BaseUrl,
        ViewportSize = new() { Width = 1280, Height = 800 },
        Locale = locale ?? "en-US",
        HasTouch = touch,
    });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        if (app is not null)
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
            app.Dispose();
        }
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No LeadDesk.sln above {AppContext.BaseDirectory}.");
    }

    private static string WebDll(string repo)
    {
        var dll = Environment.GetEnvironmentVariable("LEADDESK_WEB_DLL")
            ?? Path.Combine(repo, "LeadDesk.Web", "bin", BuildConfiguration(), "net10.0", "LeadDesk.Web.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"Build the web app first (dotnet build LeadDesk.Web -c {BuildConfiguration()}).", dll);
    }

    // The test assembly runs from .../bin/<configuration>/<framework>/.
    private static string BuildConfiguration()
    {
        var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(segments, "bin");
        return bin >= 0 && bin + 1 < segments.Length
            ? segments[bin + 1]
            : throw new InvalidOperationException($"Cannot tell the build configuration from {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process StartApp(string repo, string dll)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", BaseUrl, "--contentRoot", Path.Combine(repo, "LeadDesk.Web") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__LeadDesk"] = $"Data Source={Path.Combine(dataFolder, "e2e.db")}",
                ["Documents__Path"] = Path.Combine(dataFolder, "documents"),
            },
        };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Capture(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private async Task WaitUntilHealthyAsync(Process process)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartupTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"LeadDesk.Web exited with code {process.ExitCode} before it was healthy:\n{Output()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"LeadDesk.Web was not healthy at {BaseUrl}/healthz within {StartupTimeout.TotalSeconds} s:\n{Output()}");
    }
}
