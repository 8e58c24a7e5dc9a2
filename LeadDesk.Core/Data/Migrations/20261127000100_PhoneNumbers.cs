using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>
/// Phone numbers in E.164: each workspace gets a default phone region (US for the workspaces there are), and every
/// stored phone is queued in <c>LegacyPhones</c>. SQL cannot run libphonenumber, so the start-up step
/// <c>LegacyPhoneUpgrade</c> reads the queued numbers again and empties the queue.
/// </summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261127000100_PhoneNumbers")]
public sealed class PhoneNumbers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddRequiredColumn("Workspaces", "PhoneRegion", "US", maxLength: 2);

        migrationBuilder.CreateTable(
            name: "LegacyPhones",
            columns: table => new
            {
                LeadId = table.Column<Guid>(nullable: false),
                Phone = table.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LegacyPhones", x => x.LeadId);
                table.ForeignKey("FK_LegacyPhones_Leads_LeadId", x => x.LeadId, "Leads", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.Sql("""INSERT INTO "LegacyPhones" ("LeadId", "Phone") SELECT "Id", "Phone" FROM "Leads" WHERE "Phone" IS NOT NULL""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("LegacyPhones");
        migrationBuilder.DropColumnInPlace("Workspaces", "PhoneRegion");
    }
}
