using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core.Integrations;

/// <summary>An Idempotency-Key never sticks: its answer is written with its lead, and a claim left by a dead request expires.</summary>
public sealed class IdempotencyTests
{
    private static Task<IdempotencyOutcome> BeginAsync(CoreFixture fixture, WorkspaceSeed workspace, string key = "retry-me") =>
        WithStoreAsync(fixture, workspace, store => store.BeginAsync(key, "POST", "/api/external/v1/leads", """{"name":"Ann"}"""));

    private static async Task<T> WithStoreAsync<T>(CoreFixture fixture, WorkspaceSeed workspace, Func<IdempotencyStore, Task<T>> use)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        return await use(scope.Get<IdempotencyStore>());
    }

    [Fact]
    public async Task AClaimLeftByACrashedRequest_IsRefusedWhileFresh_ThenTakenOverByTheNextRetry()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var claim = Assert.IsType<IdempotencyOutcome.Proceed>(await BeginAsync(fixture, acme));
        // The process dies here: the claim is never completed nor abandoned.

        await Assert.ThrowsAsync<ConflictException>(() => BeginAsync(fixture, acme));
        fixture.Clock.Advance(IdempotencyStore.ClaimTimeout + TimeSpan.FromSeconds(1));
        var retry = Assert.IsType<IdempotencyOutcome.Proceed>(await BeginAsync(fixture, acme));
        await Assert.ThrowsAsync<ConflictException>(() => BeginAsync(fixture, acme)); // the retry holds it now
        await WithStoreAsync(fixture, acme, async store => { await store.CompleteAsync(retry.RecordId, 201, """{"id":1}"""); return 0; });

        Assert.Equal(claim.RecordId, retry.RecordId);
        Assert.Equal(new IdempotencyOutcome.Replay(201, """{"id":1}"""), await BeginAsync(fixture, acme));
    }

    [Fact]
    public async Task ACapturedLead_IsWrittenWithItsAnswer_OrNotAtAll()
    {
        await using var fixture = await CoreFixture.MigratedAsync();
        var acme = await TestData.WorkspaceAsync(fixture, "acme");
        var capture = fixture.Services.GetRequiredService<LeadCapture>();
        var claim = Assert.IsType<IdempotencyOutcome.Proceed>(await BeginAsync(fixture, acme));
        var lead = new NewLead { FirstName = "Ann", LastName = "Lee", Email = "ann@example.com", Channel = LeadChannel.Api };

        // The answer cannot be made (the process fails between writing the lead and its answer): neither is written.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            capture.CaptureAsync(acme.WorkspaceId, null, lead, new IdempotentAnswer(claim.RecordId, _ => throw new InvalidOperationException("crash"))));
        Assert.Equal((0, 0), await StateAsync(fixture, acme, claim.RecordId));

        var captured = await capture.CaptureAsync(acme.WorkspaceId, null, lead, new IdempotentAnswer(claim.RecordId, r => (201, $"lead {r.Lead.Id}")));
        Assert.Equal((1, 201), await StateAsync(fixture, acme, claim.RecordId));
        Assert.Equal(new IdempotencyOutcome.Replay(201, $"lead {captured.Lead.Id}"), await BeginAsync(fixture, acme));
    }

    private static async Task<(int Leads, int AnswerStatus)> StateAsync(CoreFixture fixture, WorkspaceSeed workspace, Guid recordId)
    {
        await using var scope = fixture.ScopeAs(workspace.WorkspaceId);
        var db = scope.Get<LeadDeskDbContext>();
        return (await db.Leads.CountAsync(), await db.IdempotencyRecords.Where(r => r.Id == recordId).Select(r => r.StatusCode).SingleAsync());
    }
}
