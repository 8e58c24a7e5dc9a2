using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadDesk.Core.Data.Migrations;

/// <summary>The UI language each person chose (null: their browser's).</summary>
[DbContext(typeof(LeadDeskDbContext))]
[Migration("20261128000000_UserLanguage")]
public sealed class UserLanguage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("Language", "AspNetUsers", maxLength: 10, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumnInPlace("AspNetUsers", "Language");
}
