using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClientControlOverEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "share_with_therapist",
                table: "skip_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Instant>(
                name: "corrected_at",
                table: "completions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "voided_at",
                table: "completions",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "share_with_therapist",
                table: "skip_reports");

            migrationBuilder.DropColumn(
                name: "corrected_at",
                table: "completions");

            migrationBuilder.DropColumn(
                name: "voided_at",
                table: "completions");
        }
    }
}
