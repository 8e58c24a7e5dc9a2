using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace LeadDesk.Benchmarks;

/// <summary>
/// Starts the real app (LeadDesk.Web, Release build) on the generated database, signs in as the admin and
/// times whole page requests over loopback: what a browser waits for, so an upper bound of server time.
/// </summary>
internal static partial class PageBenchmark
{
    private static readonly (string Name, string Path)[] Pages =
    [
        // The list is interactive: its prerender holds the shell and the filters, and the grid reads its rows over the
        // circuit (CircuitBenchmark times that). The rows below time that prerender, not the rows.
        ("lead list, default (newest first, 50 rows)", "/leads"),
        ("lead list, one filter (open)", "/leads?status=open"),
        ("lead list, two filters (open, high priority)", "/leads?status=open&priority=high"),
        ("lead list, sorted by value", "/leads?sort=value"),
        ("lead list, two filters sorted by value", "/leads?status=open&priority=high&sort=value"),
        ("lead list, sorted by name, page 40", "/leads?sort=name&dir=asc&page=40"),
        ("lead list, search \"smith\"", "/leads?q=smith"),
        ("board, Sales pipeline (10,000 open leads)", "/board"),
        ("dashboard (figures, stages, 12 weeks, sources over 100,000 leads)", "/"),
    ];

    public static async Task<int> RunAsync(string database, int requests)
    {
        using var app = StartApp(database, new Dictionary<string, string?>(), out var baseUrl);
        try
        {
            // Cookies are sent by hand: the app marks them Secure outside Development, and a cookie container keeps
            // Secure cookies away from this plain-http loopback connection.
            using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            await WaitHealthyAsync(http, app);
            await SignInAsync(http);

            Console.WriteLine($"{requests} requests per page after 10 warm-up requests; {Environment.ProcessorCount} cores; SQLite.");
            Console.WriteLine();
            Console.WriteLine("| page | p50 ms | p95 ms | max ms | HTML KB |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            // A lead of the board's first column: its page, and a tab that reads more than the overview.
            var lead = LeadLinkPattern().Match(System.Text.Encoding.UTF8.GetString(await GetAsync(http, "/board"))).Value;
            (string, string)[] leadPages = [("lead page, overview", lead), ("lead page, history tab", $"{lead}?tab=history")];
            foreach (var (name, path) in Pages.Concat(leadPages))
            {
                var (times, bytes) = await MeasureAsync(http, path, requests);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} `{path}` | {Percentile(times, 50):F1} | {Percentile(times, 95):F1} | {times.Max():F1} | {bytes / 1024.0:F0} |"));
            }
            return 0;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static async Task<(List<double> Times, long Bytes)> MeasureAsync(HttpClient http, string path, int requests)
    {
        long bytes = 0;
        for (var i = 0; i < 10; i++)
        {
            bytes = (await GetAsync(http, path)).Length;
        }
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(http, path);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (times, bytes);
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static async Task SignInAsync(HttpClient http)
    {
        using var signInPage = await http.GetAsync(new Uri("/account/signin", UriKind.Relative));
        var page = await signInPage.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = "admin@bench.leaddesk.test",
            ["Input.Password"] = LeadGenerator.Password,
        });
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/signin", UriKind.Relative)) { Content = form };
        post.Headers.Add("Cookie", CookiesSetBy(signInPage));
        using var response = await http.SendAsync(post);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed ({(int)response.StatusCode}). Was the database made by 'generate'?");
        }
        http.DefaultRequestHeaders.Add("Cookie", CookiesSetBy(response));
    }

    /// <summary>The cookies a response sets, as a <c>Cookie</c> request header.</summary>
    private static string CookiesSetBy(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));

    /// <summary>The Release build of LeadDesk.Web on a free loopback port, on <paramref name="database"/>.</summary>
    public static Process StartApp(string database, Dictionary<string, string?> environment, out string baseUrl)
    {
        var repo = FindRepo();
        // Published, as in production: outside Development only a published app serves Blazor's script and MudBlazor's files.
        var dll = Path.Combine(repo, "LeadDesk.Web", "bin", "Release", "net10.0", "publish", "LeadDesk.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Publish the app first: dotnet publish LeadDesk.Web -c Release", dll);
        }
        var port = FreePort();
        baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.GetDirectoryName(dll)! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Production refuses to start with an unencrypted key ring; one certificate per database, kept beside it.
        start.Environment["DataProtection__CertificatePath"] = KeyRingCertificate(database);
        start.Environment["DataProtection__CertificatePassword"] = KeyRingPassword;
        foreach (var (key, value) in LeadGenerator.Settings(database).Concat(environment))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitHealthyAsync(HttpClient http, Process app)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {app.ExitCode}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not become healthy in 30 s.");
    }

    private const string KeyRingPassword = "bench-key-ring";

    /// <summary>A self-signed certificate for the database's key ring, made on first use.</summary>
    private static string KeyRingCertificate(string database)
    {
        var path = database + ".keyring.pfx";
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=LeadDesk benchmark key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, KeyRingPassword));
        }
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the LeadDesk repository.");
    }

    [GeneratedRegex("/leads/[0-9a-f]{8}-[0-9a-f-]{27}")]
    private static partial Regex LeadLinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
