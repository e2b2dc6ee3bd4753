using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    occurred_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    subject_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    resource_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: true),
                    client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    request_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    source_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    subject_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "practices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    default_time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_practices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exercises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    instructions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    default_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exercises", x => x.id);
                    table.ForeignKey(
                        name: "fk_exercises_practices_practice_id",
                        column: x => x.practice_id,
                        principalTable: "practices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "therapists",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_therapists", x => x.id);
                    table.ForeignKey(
                        name: "fk_therapists_practices_practice_id",
                        column: x => x.practice_id,
                        principalTable: "practices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "clients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    primary_therapist_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    discharged_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clients", x => x.id);
                    table.ForeignKey(
                        name: "fk_clients_practices_practice_id",
                        column: x => x.practice_id,
                        principalTable: "practices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_clients_therapists_primary_therapist_id",
                        column: x => x.primary_therapist_id,
                        principalTable: "therapists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    therapist_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    goal = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    start_date = table.Column<LocalDate>(type: "date", nullable: false),
                    end_date = table.Column<LocalDate>(type: "date", nullable: false),
                    next_session_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_plans_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_plans_therapists_therapist_id",
                        column: x => x.therapist_id,
                        principalTable: "therapists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    exercise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    exercise_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    instructions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    start_date = table.Column<LocalDate>(type: "date", nullable: true),
                    end_date = table.Column<LocalDate>(type: "date", nullable: true),
                    days_of_week_mask = table.Column<int>(type: "integer", nullable: false),
                    due_date = table.Column<LocalDate>(type: "date", nullable: true),
                    schedule_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    times_per_day = table.Column<int>(type: "integer", nullable: false),
                    times_per_week = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_exercises_exercise_id",
                        column: x => x.exercise_id,
                        principalTable: "exercises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assignments_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_pauses",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    paused_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    resumed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_pauses", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_pauses_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "completions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    distress_before = table.Column<int>(type: "integer", nullable: true),
                    distress_after = table.Column<int>(type: "integer", nullable: true),
                    helpfulness = table.Column<int>(type: "integer", nullable: true),
                    reflection = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    share_with_therapist = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_completions", x => x.id);
                    table.ForeignKey(
                        name: "fk_completions_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_completions_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "skip_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<LocalDate>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    reported_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skip_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_skip_reports_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_skip_reports_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "exercises",
                columns: new[] { "id", "default_minutes", "instructions", "key", "practice_id", "summary", "title" },
                values: new object[,]
                {
                    { new Guid("0195a000-0000-7000-8000-000000000001"), 5, "When something hurts, stop for a moment. 1. Name it plainly: \"This is a moment of struggle.\" 2. Remind yourself that difficulty is part of every human life: \"Other people feel this too.\" 3. Place a hand where it feels comforting and say something kind, as you would to someone you love: \"May I be gentle with myself right now.\" Find words that sound like you.", "self-compassion-break", null, "A short pause for a hard moment: notice the pain, remember you are not alone in it, and offer yourself kindness.", "Self-Compassion Break" },
                    { new Guid("0195a000-0000-7000-8000-000000000002"), 15, "Sit or lie comfortably and let your eyes close or soften. Feel the breath moving in and out without changing it. Notice how it gently rocks the body. When the mind wanders, which it will, come back to the breath kindly, as you would guide a small child back to a path. Let each out-breath carry a little ease.", "affectionate-breathing", null, "Rest your attention on the breath with warmth, letting it rock and soothe you.", "Affectionate Breathing" },
                    { new Guid("0195a000-0000-7000-8000-000000000003"), 3, "Try a few kinds of touch and notice which one calms you: a hand over the heart, both hands on the chest, a hand on the cheek, arms folded in a light hug, a hand resting on the belly. Stay with the one that feels right for a few breaths, feeling its warmth and pressure. You can use it anywhere, even unnoticed by others.", "soothing-touch", null, "Use warm, gentle touch to tell the body it is safe and cared for.", "Soothing Touch" },
                    { new Guid("0195a000-0000-7000-8000-000000000004"), 15, "Settle into a comfortable position. Bring to mind an image of yourself as you are right now. Slowly repeat a few phrases, for example: \"May I be safe. May I be kind to myself. May I accept myself as I am. May I live with ease.\" If the words feel hollow, that is fine: you are planting an intention. Return to the phrases whenever your attention drifts.", "loving-kindness-for-ourselves", null, "Repeat a few warm wishes for yourself, letting them land as best you can.", "Loving-Kindness for Ourselves" },
                    { new Guid("0195a000-0000-7000-8000-000000000005"), 20, "Choose something about yourself that brings up shame or self-criticism. Imagine a friend who knows all your strengths and flaws and accepts you completely. Write a letter to yourself from that friend's point of view: what would they say about this struggle, how did it come about, what do they wish for you? Put the letter aside and read it again later, letting its kindness sink in.", "compassionate-letter", null, "Write to yourself about something you judge yourself for, in the voice of a wise, caring friend.", "Compassionate Letter to Oneself" },
                    { new Guid("0195a000-0000-7000-8000-000000000006"), 10, "Each evening, note one thing that was painful today: something you judged yourself for, or a difficult experience. Then write three short lines: what you felt, noticed without judgement; how this is part of being human; and a few kind, understanding words to yourself, the way you would speak to a friend.", "self-compassion-journal", null, "At the end of the day, write down one hard moment and meet it with mindfulness, common humanity and kindness.", "Self-Compassion Journal" },
                    { new Guid("0195a000-0000-7000-8000-000000000007"), 20, "Lie down and place a hand on your heart for a moment. Starting at the toes, move your attention slowly upwards through the body. At each part, notice the sensations that are there. Where you find discomfort, let your attention soften around it, as if breathing warmth into it. Where you notice criticism of your body, answer it with appreciation for what that part does for you.", "compassionate-body-scan", null, "Move attention slowly through the body, meeting each part with gratitude and kindness instead of judgement.", "Compassionate Body Scan" },
                    { new Guid("0195a000-0000-7000-8000-000000000008"), 15, "Think of a time a close friend felt bad about themselves. Write how you responded: your words, your tone. Now think of a time you felt bad about yourself and write how you responded to yourself. Notice the difference. Ask what would change if you treated yourself the way you treat that friend, and write what a friend-like response to your current struggle would be.", "how-would-i-treat-a-friend", null, "Compare how you speak to a struggling friend with how you speak to yourself, and try the friend's way.", "How Would I Treat a Friend?" },
                    { new Guid("0195a000-0000-7000-8000-000000000009"), 10, "Bring to mind a mildly difficult situation and name the emotion it brings. Find where you feel it most in the body. Soften the muscles around that place, as if applying warmth. Soothe yourself with a hand on that spot and a kind word. Allow the feeling to be there, without pushing it away, letting it come and go as it will.", "soften-soothe-allow", null, "Find where a difficult emotion lives in the body, and soften, soothe and allow it there.", "Soften, Soothe, Allow" },
                    { new Guid("0195a000-0000-7000-8000-000000000010"), 10, "Walk slowly somewhere you can go back and forth. Feel each foot lift, move and touch the ground. When you notice tension or self-criticism, silently offer a kind phrase in time with your steps, such as \"may I be at ease\". Let the pace be gentle and unhurried.", "compassionate-walking", null, "A slow walk with attention on the feet and a kind wish with each step.", "Compassionate Walking" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_exercise_id",
                table: "assignments",
                column: "exercise_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_plan_id",
                table: "assignments",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_practice_id_client_id_occurred_at",
                table: "audit_events",
                columns: new[] { "practice_id", "client_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_practice_id_occurred_at",
                table: "audit_events",
                columns: new[] { "practice_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_clients_practice_id_external_id",
                table: "clients",
                columns: new[] { "practice_id", "external_id" },
                unique: true,
                filter: "external_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_clients_practice_id_primary_therapist_id_id",
                table: "clients",
                columns: new[] { "practice_id", "primary_therapist_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_clients_primary_therapist_id",
                table: "clients",
                column: "primary_therapist_id");

            migrationBuilder.CreateIndex(
                name: "ix_completions_assignment_id_completed_at",
                table: "completions",
                columns: new[] { "assignment_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_completions_plan_id_completed_at",
                table: "completions",
                columns: new[] { "plan_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_exercises_builtin_key",
                table: "exercises",
                column: "key",
                unique: true,
                filter: "practice_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_exercises_practice_id_key",
                table: "exercises",
                columns: new[] { "practice_id", "key" },
                unique: true,
                filter: "practice_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_subject_id_key",
                table: "idempotency_records",
                columns: new[] { "subject_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_pauses_plan_id",
                table: "plan_pauses",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_plans_client_id_start_date",
                table: "plans",
                columns: new[] { "client_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_plans_practice_id_external_id",
                table: "plans",
                columns: new[] { "practice_id", "external_id" },
                unique: true,
                filter: "external_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_plans_therapist_id",
                table: "plans",
                column: "therapist_id");

            migrationBuilder.CreateIndex(
                name: "ix_skip_reports_assignment_id",
                table: "skip_reports",
                column: "assignment_id");

            migrationBuilder.CreateIndex(
                name: "ix_skip_reports_plan_id_date",
                table: "skip_reports",
                columns: new[] { "plan_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_therapists_practice_id_email",
                table: "therapists",
                columns: new[] { "practice_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_therapists_practice_id_external_id",
                table: "therapists",
                columns: new[] { "practice_id", "external_id" },
                unique: true,
                filter: "external_id IS NOT NULL");

            // The audit trail is append-only: no role the application uses may rewrite or remove it.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
                DROP TRIGGER IF EXISTS audit_events_no_update_or_delete ON audit_events;
                DROP FUNCTION IF EXISTS audit_events_append_only();
                """);

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "completions");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "plan_pauses");

            migrationBuilder.DropTable(
                name: "skip_reports");

            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropTable(
                name: "exercises");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "clients");

            migrationBuilder.DropTable(
                name: "therapists");

            migrationBuilder.DropTable(
                name: "practices");
        }
    }
}
