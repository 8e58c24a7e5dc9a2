using Microsoft.AspNetCore.Hosting;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// The app in a chosen environment with extra settings, on a database the test owns: several of them, one after the other,
/// are the same deployment restarted (or another node) with different settings.
/// </summary>
public sealed class HostedAppFactory(TestDatabase database, string environment, IReadOnlyDictionary<string, string?>? settings = null)
    : LeadDeskAppFactory(database)
{
    protected override string EnvironmentName => environment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
