using LeadDesk.Core;
using LeadDesk.Core.Data;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Infrastructure;

/// <summary>
/// Core services on a real, migrated database, without the web host. Each test builds its own
/// <see cref="CoreFixture"/>, so each starts from an empty schema.
/// </summary>
public sealed class CoreFixture : IAsyncDisposable
{
    private readonly TestDatabase _database = new();

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 9, 30, 0, TimeSpan.Zero));
    public DatabaseProvider Provider => _database.Provider;
    public string ConnectionString => _database.ConnectionString;

    public CoreFixture(params KeyValuePair<string, string?>[] extraSettings)
        : this(null, extraSettings)
    {
    }

    /// <param name="configure">Changes to the services after Core's registrations (an interceptor that injects a failure, say).</param>
    public CoreFixture(Action<IServiceCollection>? configure, params KeyValuePair<string, string?>[] extraSettings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_database.Settings().Concat(extraSettings))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLeadDeskCore(configuration, AppContext.BaseDirectory);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static Task<CoreFixture> MigratedAsync(params KeyValuePair<string, string?>[] extraSettings) => MigratedAsync(null, extraSettings);

    public static async Task<CoreFixture> MigratedAsync(Action<IServiceCollection>? configure, params KeyValuePair<string, string?>[] extraSettings)
    {
        var fixture = new CoreFixture(configure, extraSettings);
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().MigrateAsync();
        return fixture;
    }

    /// <summary>A scope acting as <paramref name="userId"/> in <paramref name="workspaceId"/>.</summary>
    public AsyncServiceScope ScopeAs(Guid? workspaceId, Guid? userId = null, WorkspaceRole role = WorkspaceRole.Admin)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(userId, workspaceId, workspaceId is null ? null : role);
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _database.Dispose();
    }
}
