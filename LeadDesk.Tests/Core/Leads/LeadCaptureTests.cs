using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Leads;

/// <summary>The capture writer's group commit: a batch that fails is written again one lead at a time.</summary>
public sealed class LeadCaptureTests
{
    private static readonly string[] Burst = ["Ann", "Bob", "Poison", "Cat", "Dan"];

    /// <summary>Holds the save of the lead named "First" until released, and fails any save that carries a lead named "Poison".</summary>
    private sealed class BatchSaboteur : SaveChangesInterceptor
    {
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<int> FailedBatchSizes { get; } = [];

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var added = eventData.Context!.ChangeTracker.Entries<Lead>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.FirstName).ToList();
            if (added.Contains("First"))
            {
                Holding.SetResult();
                await Release.Task;
            }
            if (added.Contains("Poison"))
            {
                lock (FailedBatchSizes)
                {
                    FailedBatchSizes.Add(added.Count);
                }
                throw new InvalidOperationException("this lead cannot be written");
            }
            return result;
        }
    }

    [Fact]
    public async Task ABatchThatFails_IsWrittenOneByOne_SoOnlyTheBadLeadFails()
    {
        var saboteur = new BatchSaboteur();
        await using var fixture = await CoreFixture.MigratedAsync(services =>
            services.ConfigureDbContext<LeadDeskDbContext>(options => options.AddInterceptors(saboteur)));
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var capture = fixture.Services.GetRequiredService<LeadCapture>();
        await capture.StartAsync(CancellationToken.None);
        try
        {
            Task<CaptureResult> Post(string name) =>
                capture.CaptureAsync(acme.WorkspaceId, null, new NewLead { FirstName = name, LastName = "Burst", Email = $"{name.ToLowerInvariant()}@example.com" });

            var first = Post("First"); // its save waits, so the next posts queue up and are written as one batch
            await saboteur.Holding.Task;
            var rest = Burst.ToDictionary(n => n, Post);
            saboteur.Release.SetResult();
            await first;

            await Assert.ThrowsAsync<InvalidOperationException>(() => rest["Poison"]);
            foreach (var (name, posted) in rest.Where(r => r.Key != "Poison"))
            {
                Assert.True((await posted).Created, name);
            }
            Assert.Equal([5, 1], saboteur.FailedBatchSizes); // the batch of five failed, then the poison alone
            await using var scope = fixture.ScopeAs(acme.WorkspaceId);
            Assert.Equal(5, await scope.Get<LeadDeskDbContext>().Leads.CountAsync());
        }
        finally
        {
            await capture.StopAsync(CancellationToken.None);
        }
    }
}
