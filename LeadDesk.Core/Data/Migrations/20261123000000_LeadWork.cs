using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>
/// Lead work: search text, stage fields and ownership, lead settings, notes, activities, history,
/// team roles and members, products, documents, and the indexes behind the list's filters and sorts.
/// </summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261123000000_LeadWork")]
public sealed class LeadWork : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        AlterLeadsAndStages(migrationBuilder);
        CreateSettingsAndStageFields(migrationBuilder);
        CreateLeadParts(migrationBuilder);
        CreateTeamsAndProducts(migrationBuilder);
    }

    private static void AlterLeadsAndStages(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddRequiredColumn<string>("Leads", "SearchText", "", maxLength: 700);
        migrationBuilder.AddRequiredColumn<bool>("Leads", "ValueFromProducts", false);
        migrationBuilder.Sql("""
            UPDATE "Leads" SET "SearchText" = substr(lower(trim("FirstName" || ' ' || "LastName"
                || coalesce(' ' || "Email", '') || coalesce(' ' || "Company", '') || coalesce(' ' || "Phone", ''))), 1, 700)
            """);

        migrationBuilder.AddRequiredColumn<string>("Stages", "OwnershipMode", "KeepOwner", maxLength: 16);
        migrationBuilder.AddColumn<Guid>("OwnershipUserId", "Stages", nullable: true);
        migrationBuilder.AddColumn<string>("OwnershipRole", "Stages", maxLength: 16, nullable: true);
        migrationBuilder.AddColumn<Guid>("LastAssignedUserId", "Stages", nullable: true);

        migrationBuilder.DropIndex("IX_Leads_WorkspaceId_CreatedAt", "Leads");
        migrationBuilder.DropIndex("IX_Leads_WorkspaceId_OwnerId", "Leads");
        migrationBuilder.DropIndex("IX_Leads_WorkspaceId_StageId_Status", "Leads");
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_CreatedAt_IsDeleted", "Leads", ["WorkspaceId", "CreatedAt", "IsDeleted"]);
        migrationBuilder.CreateIndex("IX_Leads_Board", "Leads", ["WorkspaceId", "StageId", "Status", "CreatedAt", "IsDeleted", "EstimatedValue"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Status_CreatedAt_IsDeleted", "Leads", ["WorkspaceId", "Status", "CreatedAt", "IsDeleted"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_OwnerId_CreatedAt_IsDeleted_Status", "Leads", ["WorkspaceId", "OwnerId", "CreatedAt", "IsDeleted", "Status"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Priority_CreatedAt_IsDeleted_Status", "Leads", ["WorkspaceId", "Priority", "CreatedAt", "IsDeleted", "Status"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Source_CreatedAt_IsDeleted_Status", "Leads", ["WorkspaceId", "Source", "CreatedAt", "IsDeleted", "Status"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_IsDeleted_SearchText", "Leads", ["WorkspaceId", "IsDeleted", "SearchText"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_LastName_FirstName_Id_IsDeleted", "Leads", ["WorkspaceId", "LastName", "FirstName", "Id", "IsDeleted"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Company_Id_IsDeleted", "Leads", ["WorkspaceId", "Company", "Id", "IsDeleted"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Score_Id_IsDeleted", "Leads", ["WorkspaceId", "Score", "Id", "IsDeleted"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_UpdatedAt_IsDeleted", "Leads", ["WorkspaceId", "UpdatedAt", "IsDeleted"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_EstimatedValue_Id_IsDeleted", "Leads", ["WorkspaceId", "EstimatedValue", "Id", "IsDeleted"]);
    }

    private static void CreateSettingsAndStageFields(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LeadSettings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Visibility = table.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadSettings", x => x.Id);
                table.ForeignKey("FK_LeadSettings_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_LeadSettings_WorkspaceId", "LeadSettings", "WorkspaceId", unique: true);

        migrationBuilder.CreateTable(
            name: "StageFields",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                StageId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                Label = table.Column<string>(maxLength: 120, nullable: false),
                Type = table.Column<string>(maxLength: 16, nullable: false),
                IsRequired = table.Column<bool>(nullable: false),
                Options = table.Column<string>(maxLength: 2000, nullable: true),
                SortOrder = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StageFields", x => x.Id);
                table.ForeignKey("FK_StageFields_Stages_StageId", x => x.StageId, "Stages", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_StageFields_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_StageFields_StageId_Key", "StageFields", ["StageId", "Key"], unique: true);
        migrationBuilder.CreateIndex("IX_StageFields_WorkspaceId", "StageFields", "WorkspaceId");

        migrationBuilder.CreateTable(
            name: "LeadStageValues",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                StageFieldId = table.Column<Guid>(nullable: false),
                Value = table.Column<string>(maxLength: 1000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadStageValues", x => x.Id);
                table.ForeignKey("FK_LeadStageValues_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadStageValues_StageFields_StageFieldId", x => x.StageFieldId, "StageFields", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadStageValues_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_LeadStageValues_LeadId_StageFieldId", "LeadStageValues", ["LeadId", "StageFieldId"], unique: true);
        migrationBuilder.CreateIndex("IX_LeadStageValues_StageFieldId", "LeadStageValues", "StageFieldId");
        migrationBuilder.CreateIndex("IX_LeadStageValues_WorkspaceId", "LeadStageValues", "WorkspaceId");
    }

    private static void CreateLeadParts(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LeadNotes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                Body = table.Column<string>(maxLength: 10000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadNotes", x => x.Id);
                table.ForeignKey("FK_LeadNotes_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadNotes_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        IndexLeadPart(migrationBuilder, "LeadNotes", "CreatedAt");

        migrationBuilder.CreateTable(
            name: "LeadActivities",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 32, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Details = table.Column<string>(maxLength: 4000, nullable: true),
                OccurredAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadActivities", x => x.Id);
                table.ForeignKey("FK_LeadActivities_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadActivities_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        IndexLeadPart(migrationBuilder, "LeadActivities", "OccurredAt");

        migrationBuilder.CreateTable(
            name: "LeadHistory",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                Field = table.Column<string>(maxLength: 100, nullable: false),
                OldValue = table.Column<string>(maxLength: 2000, nullable: true),
                NewValue = table.Column<string>(maxLength: 2000, nullable: true),
                ChangedAt = table.Column<DateTime>(nullable: false),
                ChangedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadHistory", x => x.Id);
                table.ForeignKey("FK_LeadHistory_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadHistory_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        IndexLeadPart(migrationBuilder, "LeadHistory", "ChangedAt");

        migrationBuilder.CreateTable(
            name: "LeadDocuments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                ContentType = table.Column<string>(maxLength: 127, nullable: false),
                SizeBytes = table.Column<long>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadDocuments", x => x.Id);
                table.ForeignKey("FK_LeadDocuments_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadDocuments_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        IndexLeadPart(migrationBuilder, "LeadDocuments", "CreatedAt");
    }

    /// <summary>Rows hanging off one lead are read per lead in time order; the workspace key gets its own index.</summary>
    private static void IndexLeadPart(MigrationBuilder migrationBuilder, string table, string timeColumn)
    {
        migrationBuilder.CreateIndex($"IX_{table}_LeadId_{timeColumn}", table, ["LeadId", timeColumn]);
        migrationBuilder.CreateIndex($"IX_{table}_WorkspaceId", table, "WorkspaceId");
    }

    private static void CreateTeamsAndProducts(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TeamRoles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TeamRoles", x => x.Id);
                table.ForeignKey("FK_TeamRoles_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TeamRoles_WorkspaceId_Key", "TeamRoles", ["WorkspaceId", "Key"], unique: true);

        migrationBuilder.CreateTable(
            name: "LeadTeamMembers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                TeamRoleId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadTeamMembers", x => x.Id);
                table.ForeignKey("FK_LeadTeamMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadTeamMembers_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadTeamMembers_TeamRoles_TeamRoleId", x => x.TeamRoleId, "TeamRoles", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_LeadTeamMembers_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_LeadTeamMembers_LeadId_UserId", "LeadTeamMembers", ["LeadId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_LeadTeamMembers_TeamRoleId", "LeadTeamMembers", "TeamRoleId");
        migrationBuilder.CreateIndex("IX_LeadTeamMembers_UserId", "LeadTeamMembers", "UserId");
        migrationBuilder.CreateIndex("IX_LeadTeamMembers_WorkspaceId_UserId_LeadId", "LeadTeamMembers", ["WorkspaceId", "UserId", "LeadId"]);

        migrationBuilder.CreateTable(
            name: "Products",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Sku = table.Column<string>(maxLength: 64, nullable: true),
                UnitPrice = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Products", x => x.Id);
                table.ForeignKey("FK_Products_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Products_WorkspaceId_Name", "Products", ["WorkspaceId", "Name"]);

        migrationBuilder.CreateTable(
            name: "LeadProducts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                LeadId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                ProductName = table.Column<string>(maxLength: 200, nullable: false),
                Quantity = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                UnitPrice = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                DiscountPercent = table.Column<decimal>(precision: 5, scale: 2, nullable: false),
                Total = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LeadProducts", x => x.Id);
                table.ForeignKey("FK_LeadProducts_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_LeadProducts_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_LeadProducts_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_LeadProducts_LeadId_CreatedAt", "LeadProducts", ["LeadId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_LeadProducts_ProductId", "LeadProducts", "ProductId");
        migrationBuilder.CreateIndex("IX_LeadProducts_WorkspaceId", "LeadProducts", "WorkspaceId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "LeadProducts", "Products", "LeadTeamMembers", "TeamRoles", "LeadDocuments", "LeadHistory", "LeadActivities", "LeadNotes", "LeadStageValues", "StageFields", "LeadSettings" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
