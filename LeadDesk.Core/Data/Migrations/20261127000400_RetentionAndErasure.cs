using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>
/// Deletion and erasure: notes, documents and product lines go to the trash like leads; the trash's retention (a lead
/// setting); document files waiting to be deleted; the lead each webhook delivery carries; the log of erasures.
/// </summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261127000400_RetentionAndErasure")]
public sealed class RetentionAndErasure : Migration
{
    private static readonly string[] LeadParts = ["LeadNotes", "LeadDocuments", "LeadProducts"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in LeadParts)
        {
            migrationBuilder.AddRequiredColumn(table, "IsDeleted", false);
            migrationBuilder.AddColumn<DateTime>("DeletedAt", table, nullable: true);
            migrationBuilder.AddColumn<Guid>("DeletedById", table, nullable: true);
            migrationBuilder.DropIndex($"IX_{table}_WorkspaceId", table);
            migrationBuilder.CreateIndex($"IX_{table}_WorkspaceId_DeletedAt", table, ["WorkspaceId", "DeletedAt"]);
        }
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_DeletedAt", "Leads", ["WorkspaceId", "DeletedAt"]);
        migrationBuilder.AddRequiredColumn("LeadSettings", "TrashRetentionDays", 30);
        migrationBuilder.CreateIndex("IX_IdempotencyRecords_WorkspaceId_CreatedAt", "IdempotencyRecords", ["WorkspaceId", "CreatedAt"]);

        migrationBuilder.AddColumn<Guid>("LeadId", "WebhookDeliveries", nullable: true);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_LeadId", "WebhookDeliveries", "LeadId");
        // Deliveries queued before this migration carry their lead in the payload (SQLite stores a Guid as upper-case text).
        migrationBuilder.Sql(migrationBuilder.IsNpgsql()
            ? """UPDATE "WebhookDeliveries" SET "LeadId" = ("Payload"::jsonb #>> '{data,lead,id}')::uuid WHERE "Event" LIKE 'lead.%'"""
            : """UPDATE "WebhookDeliveries" SET "LeadId" = upper(json_extract("Payload", '$.data.lead.id')) WHERE "Event" LIKE 'lead.%'""");

        migrationBuilder.CreateTable(
            name: "DocumentFileDeletions",
            columns: table => new
            {
                DocumentId = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                QueuedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DocumentFileDeletions", x => x.DocumentId);
                table.ForeignKey("FK_DocumentFileDeletions_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_DocumentFileDeletions_WorkspaceId", "DocumentFileDeletions", "WorkspaceId");

        migrationBuilder.CreateTable(
            name: "LeadErasures",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                ErasedAt = table.Column<DateTime>(nullable: false),
                ErasedById = table.Column<Guid>(nullable: true),
                ErasedByTokenId = table.Column<Guid>(nullable: true),
                MentionsErased = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadErasures", x => x.Id);
                table.ForeignKey("FK_LeadErasures_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_LeadErasures_WorkspaceId_ErasedAt", "LeadErasures", ["WorkspaceId", "ErasedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("LeadErasures");
        migrationBuilder.DropTable("DocumentFileDeletions");
        migrationBuilder.DropIndex("IX_WebhookDeliveries_LeadId", "WebhookDeliveries");
        migrationBuilder.DropColumnInPlace("WebhookDeliveries", "LeadId");
        migrationBuilder.DropIndex("IX_IdempotencyRecords_WorkspaceId_CreatedAt", "IdempotencyRecords");
        migrationBuilder.DropColumnInPlace("LeadSettings", "TrashRetentionDays");
        migrationBuilder.DropIndex("IX_Leads_WorkspaceId_DeletedAt", "Leads");
        foreach (var table in LeadParts)
        {
            migrationBuilder.DropIndex($"IX_{table}_WorkspaceId_DeletedAt", table);
            migrationBuilder.CreateIndex($"IX_{table}_WorkspaceId", table, "WorkspaceId");
            migrationBuilder.DropColumnInPlace(table, "DeletedById");
            migrationBuilder.DropColumnInPlace(table, "DeletedAt");
            migrationBuilder.DropColumnInPlace(table, "IsDeleted");
        }
    }
}
