using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PracticeOutsidePlansAndContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "plan_id",
                table: "completions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<Guid>(
                name: "assignment_id",
                table: "completions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "context",
                table: "completions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Scheduled");

            migrationBuilder.AddColumn<string>(
                name: "exercise_key",
                table: "completions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Every completion so far was practice of an assignment: it takes that assignment's exercise. The defaults
            // only filled the existing rows; the application writes both columns.
            migrationBuilder.Sql("""
                UPDATE completions c SET exercise_key = a.exercise_key FROM assignments a WHERE a.id = c.assignment_id;
                ALTER TABLE completions ALTER COLUMN context DROP DEFAULT;
                ALTER TABLE completions ALTER COLUMN exercise_key DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_completions_own_practice",
                table: "completions",
                columns: new[] { "client_id", "completed_at" },
                filter: "plan_id IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_completions_plan_with_assignment",
                table: "completions",
                sql: "(plan_id IS NULL) = (assignment_id IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Practice outside any plan has nowhere to go in the former shape.
            migrationBuilder.Sql("DELETE FROM completions WHERE plan_id IS NULL;");

            migrationBuilder.DropIndex(
                name: "ix_completions_own_practice",
                table: "completions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_completions_plan_with_assignment",
                table: "completions");

            migrationBuilder.DropColumn(
                name: "context",
                table: "completions");

            migrationBuilder.DropColumn(
                name: "exercise_key",
                table: "completions");

            migrationBuilder.AlterColumn<Guid>(
                name: "plan_id",
                table: "completions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "assignment_id",
                table: "completions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
