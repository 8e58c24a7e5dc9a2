using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>
/// Webhooks: signing secrets stored encrypted (a longer column, named for what it holds; start-up encrypts the existing
/// ones), and one sender per subscription across nodes — a lease on the subscription replaces the per-delivery lock —
/// with the outbox index its questions need.
/// </summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261127000200_WebhookHardening")]
public sealed class WebhookHardening : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.RenameColumn("Secret", "WebhookSubscriptions", "ProtectedSecret");
        // SQLite's TEXT has no length to change (and EF would rebuild the table for nothing).
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.AlterColumn<string>("ProtectedSecret", "WebhookSubscriptions", maxLength: 500, nullable: false, oldMaxLength: 64);
        }
        migrationBuilder.AddColumn<DateTime>("DispatchLockedUntil", "WebhookSubscriptions", nullable: true);

        migrationBuilder.DropIndex("IX_WebhookDeliveries_DeliveredAt_GaveUpAt_NextAttemptAt", "WebhookDeliveries");
        migrationBuilder.DropColumnInPlace("WebhookDeliveries", "LockedUntil");
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_Due", "WebhookDeliveries", ["DeliveredAt", "GaveUpAt", "SubscriptionId", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_WebhookDeliveries_Due", "WebhookDeliveries");
        migrationBuilder.AddColumn<DateTime>("LockedUntil", "WebhookDeliveries", nullable: true);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_DeliveredAt_GaveUpAt_NextAttemptAt", "WebhookDeliveries", ["DeliveredAt", "GaveUpAt", "NextAttemptAt"]);

        migrationBuilder.DropColumnInPlace("WebhookSubscriptions", "DispatchLockedUntil");
        // Encrypted secrets do not fit the old column, nor would the old code read them: delete the webhooks first.
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.AlterColumn<string>("ProtectedSecret", "WebhookSubscriptions", maxLength: 64, nullable: false, oldMaxLength: 500);
        }
        migrationBuilder.RenameColumn("ProtectedSecret", "WebhookSubscriptions", "Secret");
    }
}
