using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RemindersAndTimesOfDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<LocalTime[]>(
                name: "times_of_day",
                table: "assignments",
                type: "time[]",
                nullable: false,
                defaultValue: new LocalTime[0]);

            migrationBuilder.CreateTable(
                name: "reminder_preferences",
                columns: table => new
                {
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    quiet_start = table.Column<LocalTime>(type: "time", nullable: true),
                    quiet_end = table.Column<LocalTime>(type: "time", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_preferences", x => x.client_id);
                    table.CheckConstraint("ck_reminder_preferences_quiet_hours", "(quiet_start IS NULL) = (quiet_end IS NULL)");
                    table.ForeignKey(
                        name: "fk_reminder_preferences_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_preferences");

            migrationBuilder.DropColumn(
                name: "times_of_day",
                table: "assignments");
        }
    }
}
