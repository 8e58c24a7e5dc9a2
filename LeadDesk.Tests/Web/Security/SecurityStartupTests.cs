using System.Diagnostics;
using LeadDesk.Tests.Infrastructure;

namespace LeadDesk.Tests.Web.Security;

/// <summary>
/// A security setting the app cannot honour stops start-up, before the database is touched, with one log line naming the
/// setting to fix. The real app runs as its own process (as an operator starts it), with one-line (systemd) log output.
/// </summary>
public sealed class SecurityStartupTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"leaddesk-never-{Guid.NewGuid():N}");

    [Fact]
    public async Task Production_WithoutAKeyRingCertificate_StopsWithOneLineNamingTheSetting()
    {
        var (exitCode, problems) = await StartAsync("Production", []);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(problems);
        Assert.StartsWith("<2>", line, StringComparison.Ordinal); // critical
        Assert.Contains("would be stored unencrypted in the database (Production environment)", line, StringComparison.Ordinal);
        Assert.Contains("Set DataProtection:CertificatePath", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataFolder));
    }

    [Fact]
    public async Task ACertificateWithTheWrongPassword_StopsWithOneLineNamingBothSettings()
    {
        var path = _certificates.Create("key-ring");

        var (exitCode, problems) = await StartAsync("Production", new()
        {
            ["DataProtection__CertificatePath"] = path,
            ["DataProtection__CertificatePassword"] = "not-the-password",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(problems);
        Assert.StartsWith($"<2>LeadDesk.Web.Security.SecurityStartup[", line, StringComparison.Ordinal);
        Assert.Contains($"The data-protection certificate '{path}' cannot be used (", line, StringComparison.Ordinal);
        Assert.EndsWith("). Check DataProtection:CertificatePath and DataProtection:CertificatePassword.", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataFolder));
    }

    [Fact]
    public async Task AKnownProxyThatIsNotAnAddress_StopsWithOneLineNamingIt()
    {
        var (exitCode, problems) = await StartAsync("Development", new()
        {
            ["ForwardedHeaders__KnownProxies__0"] = "10.0.0.1",
            ["ForwardedHeaders__KnownProxies__1"] = "proxy.internal",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(problems);
        Assert.Contains("'proxy.internal' in ForwardedHeaders:KnownProxies:1 is not an IP address", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataFolder));
    }

    /// <summary>
    /// Runs LeadDesk.Web until it exits (a minute at most); returns its exit code and its warning-or-worse log lines, after
    /// checking that it exited with 1 (showing all it wrote when not).
    /// </summary>
    private async Task<(int ExitCode, List<string> Problems)> StartAsync(string environment, Dictionary<string, string> settings)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__Console__FormatterName"] = "systemd";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__LeadDesk"] = $"Data Source={Path.Combine(_dataFolder, "leaddesk.db")}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The app did not stop: it started. Output:\n{await output}");
        }
        var written = await output + await errors;
        // systemd severities: <0> to <4> are emergency to warning.
        var problems = written.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Length > 2 && l[0] == '<' && l[1] is >= '0' and <= '4').ToList();
        Assert.True(process.ExitCode == 1 && problems.Count == 1, $"exit code {process.ExitCode}, output:\n{written}");
        return (process.ExitCode, problems);
    }

    public void Dispose() => _certificates.Dispose();
}
