using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StoredCaseloadTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "data_stamp",
                table: "plans",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "plan_triages",
                columns: table => new
                {
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data_stamp = table.Column<long>(type: "bigint", nullable: false),
                    plan_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    as_of = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    adherence_rate = table.Column<double>(type: "double precision", nullable: true),
                    pdc = table.Column<double>(type: "double precision", nullable: true),
                    current_streak = table.Column<int>(type: "integer", nullable: false),
                    days_since_last_completion = table.Column<int>(type: "integer", nullable: true),
                    flags = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_triages", x => x.plan_id);
                    table.ForeignKey(
                        name: "fk_plan_triages_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_completions_voided",
                table: "completions",
                columns: new[] { "plan_id", "voided_at" },
                filter: "voided_at IS NOT NULL");

            // Every write to a plan's completions or skip reports moves its data stamp in the same transaction, whichever
            // code path writes (ADR 0074). Statement triggers over transition tables: a bulk COPY moves each plan's
            // stamp once per statement, not once per row.
            migrationBuilder.Sql("""
                CREATE FUNCTION plans_stamp_from_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_stamp = data_stamp + 1 WHERE id IN (SELECT plan_id FROM new_rows);
                    RETURN NULL;
                END $$;

                CREATE FUNCTION plans_stamp_from_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_stamp = data_stamp + 1 WHERE id IN (SELECT plan_id FROM old_rows);
                    RETURN NULL;
                END $$;

                CREATE FUNCTION plans_stamp_from_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_stamp = data_stamp + 1
                    WHERE id IN (SELECT plan_id FROM old_rows UNION SELECT plan_id FROM new_rows);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER completions_stamp_insert AFTER INSERT ON completions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plans_stamp_from_new_rows();
                CREATE TRIGGER completions_stamp_update AFTER UPDATE ON completions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plans_stamp_from_changed_rows();
                CREATE TRIGGER completions_stamp_delete AFTER DELETE ON completions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION plans_stamp_from_old_rows();
                CREATE TRIGGER skip_reports_stamp_insert AFTER INSERT ON skip_reports
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plans_stamp_from_new_rows();
                CREATE TRIGGER skip_reports_stamp_update AFTER UPDATE ON skip_reports
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plans_stamp_from_changed_rows();
                CREATE TRIGGER skip_reports_stamp_delete AFTER DELETE ON skip_reports
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION plans_stamp_from_old_rows();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER completions_stamp_insert ON completions;
                DROP TRIGGER completions_stamp_update ON completions;
                DROP TRIGGER completions_stamp_delete ON completions;
                DROP TRIGGER skip_reports_stamp_insert ON skip_reports;
                DROP TRIGGER skip_reports_stamp_update ON skip_reports;
                DROP TRIGGER skip_reports_stamp_delete ON skip_reports;
                DROP FUNCTION plans_stamp_from_new_rows();
                DROP FUNCTION plans_stamp_from_old_rows();
                DROP FUNCTION plans_stamp_from_changed_rows();
                """);

            migrationBuilder.DropTable(
                name: "plan_triages");

            migrationBuilder.DropIndex(
                name: "ix_completions_voided",
                table: "completions");

            migrationBuilder.DropColumn(
                name: "data_stamp",
                table: "plans");
        }
    }
}
