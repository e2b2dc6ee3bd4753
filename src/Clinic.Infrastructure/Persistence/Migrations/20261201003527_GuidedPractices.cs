using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Clinic.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GuidedPractices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attribution",
                table: "exercises",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "retired_at",
                table: "exercises",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "steps",
                table: "exercises",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string[]>(
                name: "tags",
                table: "exercises",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000001"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Pause where you are, and let yourself notice that this hurts.", "Say to yourself, in your own words, that this is a hard moment.", "Remember that struggling is part of being human: many people feel something like this too.", "Rest a hand on your chest, or wherever it feels comforting, and feel its warmth.", "Offer yourself the words you would give a good friend right now, such as \"I'm here with you.\"", "Take one slow breath and notice how you feel now." }, new[] { "InTheMoment", "Daily" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000002"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Find a comfortable position and let your eyes close, or rest them on the floor.", "Notice your breath as it is, without changing it.", "Feel how each breath gently moves your body, in and out.", "If your mind drifts, that is normal; kindly bring your attention back to the breath.", "Let each out-breath carry a little ease, as if the breath were looking after you.", "Before you finish, notice how your body feels, and open your eyes slowly." }, new[] { "Daily", "Evening", "Body" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000003"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Take one slow breath.", "Place a hand over your heart, or try another spot: your cheek, your belly, or your arms folded in a light hug.", "Feel the warmth and the gentle pressure of your hand.", "Stay with the touch that comforts you most for a few breaths.", "You can come back to this touch anywhere; no one else needs to notice." }, new[] { "InTheMoment", "Daily", "Body" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000004"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Settle into a comfortable position and take a few easy breaths.", "Picture yourself as you are right now, with whatever you are carrying.", "Choose two or three kind wishes for yourself, for example: \"May I feel safe. May I find some peace.\"", "Repeat them slowly and quietly, letting each one land as best it can.", "If the words feel empty, that is all right: the intention is what counts.", "When your attention wanders, come back gently to your wishes." }, new[] { "Daily", "Evening" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000005"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Choose something about yourself that you often criticise.", "Imagine a friend who knows you well and accepts you just as you are.", "Write to yourself from that friend's point of view about this struggle.", "Let the friend say how it came about and what you were up against.", "Let them say what they wish for you, warmly and without blame.", "Put the letter away, and read it again later to let its kindness sink in." }, new[] { "Writing" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000006"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "At the end of the day, write down one moment that was hard.", "Describe what you felt, plainly and without judging it.", "Add a line on how this is something many people go through.", "Write a few kind, understanding words to yourself, as you would to a friend." }, new[] { "Daily", "Evening", "Writing" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000007"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Lie down comfortably and rest a hand on your heart for a moment.", "Bring your attention to your feet and notice what you feel there.", "Move slowly up through your legs, belly, chest, back, arms, neck and head.", "Where you find discomfort, let your attention soften around it.", "Where you notice criticism of your body, thank that part for what it does for you.", "Finish by sensing your whole body at once, and rest for a few breaths." }, new[] { "Evening", "Body" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000008"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Recall a time a close friend was struggling, and write how you responded to them.", "Recall a time you were struggling, and write how you responded to yourself.", "Notice the differences in your words and in your tone.", "Write what you would say to yourself now if you spoke the way you speak to that friend." }, new[] { "Writing" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000009"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Name the feeling that is here, as simply as you can.", "Find where you feel it most in your body.", "Soften the muscles around that place, as if warming them.", "Rest a hand there and say something kind to yourself.", "Let the feeling be as it is, without pushing it away; let it come and go." }, new[] { "InTheMoment", "Body" } });

            migrationBuilder.UpdateData(
                table: "exercises",
                keyColumn: "id",
                keyValue: new Guid("0195a000-0000-7000-8000-000000000010"),
                columns: new[] { "attribution", "retired_at", "steps", "tags" },
                values: new object[] { "Mindful Self-Compassion (Neff and Germer)", null, new[] { "Walk slowly somewhere you can go back and forth.", "Feel each foot lift, move and touch the ground.", "When you notice tension or self-criticism, offer yourself a kind word in time with your steps.", "Keep the pace gentle and unhurried, and finish by standing still for one breath." }, new[] { "Daily", "Body" } });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attribution",
                table: "exercises");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "exercises");

            migrationBuilder.DropColumn(
                name: "steps",
                table: "exercises");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "exercises");
        }
    }
}
