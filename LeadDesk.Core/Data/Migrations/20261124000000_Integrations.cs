using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>The REST API and integrations: API tokens, idempotency keys, web forms, webhooks and their outbox, the account filter's index.</summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261124000000_Integrations")]
public sealed class Integrations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Prefix = table.Column<string>(maxLength: 11, nullable: false),
                SecretHash = table.Column<string>(maxLength: 64, nullable: false),
                Scopes = table.Column<string>(maxLength: 200, nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
                LastUsedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiTokens", x => x.Id);
                table.ForeignKey("FK_ApiTokens_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ApiTokens_Prefix", "ApiTokens", "Prefix", unique: true);
        migrationBuilder.CreateIndex("IX_ApiTokens_WorkspaceId_CreatedAt", "ApiTokens", ["WorkspaceId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_AccountId", "Leads", ["WorkspaceId", "AccountId"]);

        migrationBuilder.CreateTable(
            name: "IdempotencyRecords",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 200, nullable: false),
                RequestHash = table.Column<string>(maxLength: 64, nullable: false),
                StatusCode = table.Column<int>(nullable: false),
                ResponseBody = table.Column<string>(maxLength: 65536, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                table.ForeignKey("FK_IdempotencyRecords_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_IdempotencyRecords_WorkspaceId_Key", "IdempotencyRecords", ["WorkspaceId", "Key"], unique: true);

        migrationBuilder.CreateTable(
            name: "WebForms",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 24, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Fields = table.Column<string>(maxLength: 200, nullable: false),
                DefaultSource = table.Column<string>(maxLength: 100, nullable: true),
                StageId = table.Column<Guid>(nullable: true),
                OwnerId = table.Column<Guid>(nullable: true),
                AllowedOrigins = table.Column<string>(maxLength: 2000, nullable: true),
                SuccessRedirectUrl = table.Column<string>(maxLength: 500, nullable: true),
                IsActive = table.Column<bool>(nullable: false),
                SubmissionCount = table.Column<int>(nullable: false),
                LastSubmissionAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebForms", x => x.Id);
                table.ForeignKey("FK_WebForms_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WebForms_Key", "WebForms", "Key", unique: true);
        migrationBuilder.CreateIndex("IX_WebForms_WorkspaceId_CreatedAt", "WebForms", ["WorkspaceId", "CreatedAt"]);
        CreateWebhooks(migrationBuilder);
    }

    private static void CreateWebhooks(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WebhookSubscriptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Url = table.Column<string>(maxLength: 500, nullable: false),
                Secret = table.Column<string>(maxLength: 64, nullable: false),
                Events = table.Column<string>(maxLength: 300, nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                LastStatus = table.Column<string>(maxLength: 100, nullable: true),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                LastSuccessAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
                table.ForeignKey("FK_WebhookSubscriptions_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WebhookSubscriptions_WorkspaceId_CreatedAt", "WebhookSubscriptions", ["WorkspaceId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                SubscriptionId = table.Column<Guid>(nullable: false),
                Event = table.Column<string>(maxLength: 50, nullable: false),
                Payload = table.Column<string>(maxLength: 65536, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                LockedUntil = table.Column<DateTime>(nullable: true),
                DeliveredAt = table.Column<DateTime>(nullable: true),
                GaveUpAt = table.Column<DateTime>(nullable: true),
                LastStatusCode = table.Column<int>(nullable: true),
                LastError = table.Column<string>(maxLength: 300, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                table.ForeignKey("FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_WebhookDeliveries_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_DeliveredAt_GaveUpAt_NextAttemptAt", "WebhookDeliveries", ["DeliveredAt", "GaveUpAt", "NextAttemptAt"]);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_SubscriptionId_CreatedAt", "WebhookDeliveries", ["SubscriptionId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_WorkspaceId", "WebhookDeliveries", "WorkspaceId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Leads_WorkspaceId_AccountId", "Leads");
        migrationBuilder.DropTable("WebhookDeliveries");
        migrationBuilder.DropTable("WebhookSubscriptions");
        migrationBuilder.DropTable("WebForms");
        migrationBuilder.DropTable("IdempotencyRecords");
        migrationBuilder.DropTable("ApiTokens");
    }
}
