using System.Data.Common;
using System.Net;
using LeadDesk.Core.Data;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Tests.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Web.Hosting;

/// <summary>A background job whose work throws is logged and retried; the app keeps serving reads and writes.</summary>
public sealed class BackgroundFailureTests(BackgroundFailureTests.FailingCheckpointsApp app) : IClassFixture<BackgroundFailureTests.FailingCheckpointsApp>
{
    /// <summary>The app with SQLite checkpoints that fail their first three runs.</summary>
    public sealed class FailingCheckpointsApp : ApiAppFactory
    {
        public CheckpointSabotage Sabotage { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<LeadDeskDbContext>(options => options.AddInterceptors(Sabotage)));
        }
    }

    public sealed class CheckpointSabotage : DbCommandInterceptor
    {
        private int _seen;

        public int Seen => Volatile.Read(ref _seen);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("wal_checkpoint", StringComparison.Ordinal) && Interlocked.Increment(ref _seen) <= 3)
            {
                throw new InvalidOperationException("disk on fire");
            }
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task FailingCheckpoints_AreRetried_AndTheAppKeepsServing()
    {
        if (TestDatabase.UsesPostgres)
        {
            return; // checkpoints are SQLite's
        }
        var client = app.ApiClient();
        var token = await app.DemoTokenAsync();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (app.Sabotage.Seen < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(app.Sabotage.Seen >= 5, $"checkpoints ran {app.Sabotage.Seen} times in 15 s");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var created = await client.PostAsync("/api/v1/leads", token, new { firstName = "Still", lastName = "Serving", email = $"{Guid.NewGuid():N}@example.com" });
        await created.ExpectAsync(HttpStatusCode.Created);
    }
}
