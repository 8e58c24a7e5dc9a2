using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>Admins edit pipelines and stages: a stage's rotting days, and the log of every settings change.</summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261128010000_PipelineSettings")]
public sealed class PipelineSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("RottingDays", "Stages", nullable: true);

        migrationBuilder.CreateTable(
            name: "SettingsChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                WorkspaceId = table.Column<Guid>(nullable: false),
                ChangedAt = table.Column<DateTime>(nullable: false),
                ChangedById = table.Column<Guid>(nullable: true),
                ChangedByTokenId = table.Column<Guid>(nullable: true),
                Area = table.Column<string>(maxLength: 32, nullable: false),
                Action = table.Column<string>(maxLength: 16, nullable: false),
                SubjectId = table.Column<Guid>(nullable: true),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Before = table.Column<string>(nullable: true),
                After = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SettingsChanges", x => x.Id);
                table.ForeignKey("FK_SettingsChanges_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SettingsChanges_WorkspaceId_ChangedAt", "SettingsChanges", ["WorkspaceId", "ChangedAt"]);
        migrationBuilder.CreateIndex("IX_SettingsChanges_WorkspaceId_Area_ChangedAt", "SettingsChanges", ["WorkspaceId", "Area", "ChangedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SettingsChanges");
        migrationBuilder.DropColumnInPlace("Stages", "RottingDays");
    }
}
