using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>
/// Identity's user tables, the data-protection key ring, workspaces and members, pipelines and stages, and the full lead row.
/// Hand-written (DESIGN.md §1); no provider column types, so SQLite and PostgreSQL each map the CLR types.
/// </summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateIdentityTables(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = table.Column<string>(nullable: true),
                Xml = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Workspaces",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Slug = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Workspaces", x => x.Id));
        migrationBuilder.CreateIndex("IX_Workspaces_Slug", "Workspaces", "Slug", unique: true);

        migrationBuilder.CreateTable(
            name: "WorkspaceMembers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Role = table.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkspaceMembers", x => x.Id);
                table.ForeignKey("FK_WorkspaceMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_WorkspaceMembers_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WorkspaceMembers_UserId", "WorkspaceMembers", "UserId");
        migrationBuilder.CreateIndex("IX_WorkspaceMembers_WorkspaceId_UserId", "WorkspaceMembers", ["WorkspaceId", "UserId"], unique: true);

        migrationBuilder.CreateTable(
            name: "Pipelines",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                Module = table.Column<string>(maxLength: 16, nullable: false),
                IsDefault = table.Column<bool>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Pipelines", x => x.Id);
                table.ForeignKey("FK_Pipelines_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Pipelines_WorkspaceId_Module_SortOrder", "Pipelines", ["WorkspaceId", "Module", "SortOrder"]);

        migrationBuilder.CreateTable(
            name: "Stages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                PipelineId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                Color = table.Column<string>(maxLength: 16, nullable: false),
                Probability = table.Column<int>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Stages", x => x.Id);
                table.ForeignKey("FK_Stages_Pipelines_PipelineId", x => x.PipelineId, "Pipelines", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Stages_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Stages_PipelineId_Key", "Stages", ["PipelineId", "Key"], unique: true);
        migrationBuilder.CreateIndex("IX_Stages_PipelineId_SortOrder", "Stages", ["PipelineId", "SortOrder"]);
        migrationBuilder.CreateIndex("IX_Stages_WorkspaceId", "Stages", "WorkspaceId");

        CreateLeads(migrationBuilder);
    }

    private static void CreateLeads(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Leads",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Phone = table.Column<string>(maxLength: 32, nullable: true),
                Company = table.Column<string>(maxLength: 200, nullable: true),
                AccountId = table.Column<Guid>(nullable: true),
                Title = table.Column<string>(maxLength: 120, nullable: true),
                Source = table.Column<string>(maxLength: 100, nullable: true),
                Channel = table.Column<string>(maxLength: 16, nullable: false),
                PipelineId = table.Column<Guid>(nullable: false),
                StageId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                Priority = table.Column<string>(maxLength: 16, nullable: false),
                EstimatedValue = table.Column<decimal>(precision: 18, scale: 2, nullable: true),
                Score = table.Column<int>(nullable: false),
                ScoreIsManual = table.Column<bool>(nullable: false),
                IsQualified = table.Column<bool>(nullable: false),
                OwnerId = table.Column<Guid>(nullable: true),
                Description = table.Column<string>(maxLength: 10000, nullable: true),
                CustomFieldsJson = table.Column<string>(maxLength: 16384, nullable: false),
                LastContactAt = table.Column<DateTime>(nullable: true),
                SlaDeadlineAt = table.Column<DateTime>(nullable: true),
                FirstResponseAt = table.Column<DateTime>(nullable: true),
                ConvertedAt = table.Column<DateTime>(nullable: true),
                ConvertedContactId = table.Column<Guid>(nullable: true),
                ConvertedAccountId = table.Column<Guid>(nullable: true),
                ConvertedOpportunityId = table.Column<Guid>(nullable: true),
                DisqualificationReason = table.Column<string>(maxLength: 100, nullable: true),
                DisqualificationNotes = table.Column<string>(maxLength: 2000, nullable: true),
                DisqualifiedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                UpdatedById = table.Column<Guid>(nullable: true),
                IsDeleted = table.Column<bool>(nullable: false),
                DeletedAt = table.Column<DateTime>(nullable: true),
                DeletedById = table.Column<Guid>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Leads", x => x.Id);
                table.ForeignKey("FK_Leads_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Leads_Pipelines_PipelineId", x => x.PipelineId, "Pipelines", "Id");
                table.ForeignKey("FK_Leads_Stages_StageId", x => x.StageId, "Stages", "Id");
                table.ForeignKey("FK_Leads_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Leads_OwnerId", "Leads", "OwnerId");
        migrationBuilder.CreateIndex("IX_Leads_PipelineId", "Leads", "PipelineId");
        migrationBuilder.CreateIndex("IX_Leads_StageId", "Leads", "StageId");
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_CreatedAt", "Leads", ["WorkspaceId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Email", "Leads", ["WorkspaceId", "Email"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_OwnerId", "Leads", ["WorkspaceId", "OwnerId"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_Phone", "Leads", ["WorkspaceId", "Phone"]);
        migrationBuilder.CreateIndex("IX_Leads_WorkspaceId_StageId_Status", "Leads", ["WorkspaceId", "StageId", "Status"]);
    }

    private static void CreateIdentityTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 120, nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AspNetUsers", x => x.Id));
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<Guid>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Leads", "Stages", "Pipelines", "WorkspaceMembers", "Workspaces", "DataProtectionKeys", "AspNetUserTokens", "AspNetUserLogins", "AspNetUserClaims", "AspNetUsers" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
