using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AssignmentOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "position",
                table: "assignments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing plans keep the order the API showed until now: by assignment id.
            migrationBuilder.Sql("""
                UPDATE assignments a SET position = o.position
                FROM (SELECT id, row_number() OVER (PARTITION BY plan_id ORDER BY id) - 1 AS position FROM assignments) AS o
                WHERE a.id = o.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "position",
                table: "assignments");
        }
    }
}
