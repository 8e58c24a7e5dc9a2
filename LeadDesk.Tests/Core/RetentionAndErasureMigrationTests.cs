using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Webhooks;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Tests.Core;

/// <summary>Deliveries queued before the migration learn the lead they carry, so purging or erasing that lead finds them.</summary>
public sealed class RetentionAndErasureMigrationTests
{
    [Fact]
    public async Task Migration_GivesQueuedWebhookDeliveriesTheLeadTheirPayloadCarries()
    {
        await using var fixture = new CoreFixture();
        var (workspace, subscription, delivery, ping) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var lead = new Lead { FirstName = "Queued", LastName = "Before" };
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = fixture.ScopeAs(workspaceId: null))
        {
            var db = scope.Get<LeadDeskDbContext>();
            using var write = await db.EnterWriteAsync();
            await db.GetService<IMigrator>().MigrateAsync("20261124000000_Integrations");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Workspaces" ("Id", "Slug", "Name", "Currency", "CreatedAt", "UpdatedAt") VALUES ({workspace}, 'old', 'Old', 'USD', {now}, {now})
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "WebhookSubscriptions" ("Id", "WorkspaceId", "Url", "Secret", "Events", "IsActive", "CreatedAt", "UpdatedAt")
                VALUES ({subscription}, {workspace}, 'https://hooks.example.com', 'secret', 'lead.created', TRUE, {now}, {now})
                """);
            foreach (var (id, @event, payload) in new[]
                     {
                         (delivery, WebhookEvents.LeadCreated, WebhookEvents.Payload(delivery, WebhookEvents.LeadCreated, now, lead)),
                         (ping, WebhookEvents.Ping, WebhookEvents.PingPayload(ping, now)),
                     })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "WebhookDeliveries" ("Id", "WorkspaceId", "SubscriptionId", "Event", "Payload", "Attempts", "NextAttemptAt", "CreatedAt")
                    VALUES ({id}, {workspace}, {subscription}, {@event}, {payload}, 0, {now}, {now})
                    """);
            }
        }

        await using (var scope = fixture.ScopeAs(workspaceId: null))
        {
            await scope.Get<LeadDeskDbContext>().MigrateAsync();
        }

        await using var read = fixture.ScopeAs(workspace);
        var deliveries = read.Get<LeadDeskDbContext>().WebhookDeliveries;
        // Found by the lead's id, as the purge and the erasure look for them.
        Assert.Equal([delivery], await deliveries.Where(d => d.LeadId == lead.Id).Select(d => d.Id).ToListAsync());
        Assert.Equal([ping], await deliveries.Where(d => d.LeadId == null).Select(d => d.Id).ToListAsync());
    }
}
