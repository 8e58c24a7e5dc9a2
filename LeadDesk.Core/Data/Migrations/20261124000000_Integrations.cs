using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>The REST API and integrations: API tokens, idempotency keys, web forms, the account filter's index.</summary>
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
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Leads_WorkspaceId_AccountId", "Leads");
        migrationBuilder.DropTable("WebForms");
        migrationBuilder.DropTable("IdempotencyRecords");
        migrationBuilder.DropTable("ApiTokens");
    }
}
