using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Clinic.DataGenerator;

public sealed record LoadCounts(long Plans, long Assignments, long Completions, long Skips);

/// <summary>Writes the dataset with binary COPY, table by table, in foreign-key order.</summary>
public static class BulkLoader
{
    private static readonly string[] Reflections =
    [
        "Noticed the critic early and answered it kindly.",
        "Hard day; the breathing helped a little.",
        "Put a hand on my chest and it softened.",
        "Wrote to myself as I would to a friend.",
    ];

    private static readonly string[] SkipReasons = ["Forgot", "NoTime", "TooDistressing", "Unclear", "NotHelpful", "Other"];

    /// <summary>Removes earlier generated data (the append-only audit trail stays).</summary>
    public static async Task ClearAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            TRUNCATE completions, skip_reports, plan_pauses, assignments, plans, client_invitations, clients, therapists, idempotency_records CASCADE;
            DELETE FROM exercises WHERE practice_id IS NOT NULL;
            DELETE FROM practices;
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The generated rows are consistent by construction, so a superuser session skips the per-row foreign-key
    /// triggers (about a third of the load time). Other roles load with the checks on.
    /// </summary>
    public static async Task SkipForeignKeyChecksAsync(NpgsqlConnection connection)
    {
        await using var check = new NpgsqlCommand("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", connection);
        if (await check.ExecuteScalarAsync() is true)
        {
            await using var command = new NpgsqlCommand("SET session_replication_role = replica", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static async Task<LoadCounts> LoadAsync(NpgsqlConnection connection, Dataset dataset, ProgressBar progress)
    {
        var options = dataset.Options;
        var created = dataset.Now.Minus(Duration.FromDays(options.HistoryDays + 1)).ToDateTimeUtc();
        var practiceId = Dataset.PracticeId;

        await using (var practices = await connection.BeginBinaryImportAsync("COPY practices (id, name, default_time_zone, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            await practices.WriteRowAsync(default, practiceId, "Bench Practice", "America/New_York", created);
            await practices.CompleteAsync();
        }

        await using (var therapists = await connection.BeginBinaryImportAsync("COPY therapists (id, practice_id, display_name, email, active, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var t = 0; t < options.Therapists; t++)
            {
                await therapists.WriteRowAsync(default, Ids.Of(Ids.Therapist, t), practiceId, $"Therapist {t}", $"therapist{t}@bench.example", true, created);
            }

            await therapists.CompleteAsync();
        }

        await using (var clients = await connection.BeginBinaryImportAsync("COPY clients (id, practice_id, primary_therapist_id, display_name, time_zone, status, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < options.Clients; c++)
            {
                await clients.WriteRowAsync(default, Ids.Of(Ids.Client, c), practiceId, dataset.TherapistOf(c), $"Client {c}", Dataset.Zones[c % Dataset.Zones.Length], "Active", created);
            }

            await clients.CompleteAsync();
        }

        long plans = 0, assignments = 0;
        await using (var planImport = await connection.BeginBinaryImportAsync(
            "COPY plans (id, practice_id, client_id, therapist_id, title, start_date, end_date, status, created_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < options.Clients; c++)
            {
                foreach (var plan in dataset.PlansOf(c))
                {
                    await planImport.StartRowAsync();
                    await planImport.WriteAsync(plan.Id, NpgsqlDbType.Uuid);
                    await planImport.WriteAsync(practiceId, NpgsqlDbType.Uuid);
                    await planImport.WriteAsync(Ids.Of(Ids.Client, c), NpgsqlDbType.Uuid);
                    await planImport.WriteAsync(dataset.TherapistOf(c), NpgsqlDbType.Uuid);
                    await planImport.WriteAsync("Self-compassion between sessions", NpgsqlDbType.Varchar);
                    await planImport.WriteAsync(plan.Start.ToDateOnly(), NpgsqlDbType.Date);
                    await planImport.WriteAsync(plan.End.ToDateOnly(), NpgsqlDbType.Date);
                    await planImport.WriteAsync(plan.Current ? "Active" : "Completed", NpgsqlDbType.Varchar);
                    await planImport.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await planImport.WriteAsync(1, NpgsqlDbType.Integer);
                    plans++;
                }
            }

            await planImport.CompleteAsync();
        }

        await using (var assignmentImport = await connection.BeginBinaryImportAsync(
            "COPY assignments (id, plan_id, exercise_id, exercise_key, title, days_of_week_mask, schedule_kind, times_per_day, times_per_week, position) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < options.Clients; c++)
            {
                foreach (var plan in dataset.PlansOf(c))
                {
                    for (var s = 0; s < Dataset.Shapes.Length; s++)
                    {
                        var shape = Dataset.Shapes[s];
                        await assignmentImport.WriteRowAsync(
                            default, plan.AssignmentId(s), plan.Id, shape.ExerciseId, shape.ExerciseKey, shape.Title, shape.DaysOfWeekMask, shape.Kind, shape.TimesPerDay, shape.TimesPerWeek, s);
                        assignments++;
                    }
                }
            }

            await assignmentImport.CompleteAsync();
        }

        var skips = new List<SkipRow>();
        long completions = 0;
        await using (var completionImport = await connection.BeginBinaryImportAsync(
            "COPY completions (id, practice_id, client_id, plan_id, assignment_id, exercise_key, context, completed_at, received_at, duration_minutes, distress_before, distress_after, helpfulness, reflection, share_with_therapist) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < options.Clients; c++)
            {
                var random = new Random(options.Seed + c);
                var zone = Dataset.ZoneOf(c);
                var clientId = Ids.Of(Ids.Client, c);
                foreach (var plan in dataset.PlansOf(c))
                {
                    for (var date = plan.Start; date < plan.HistoryEnd; date = date.PlusDays(1))
                    {
                        for (var s = 0; s < Dataset.Shapes.Length; s++)
                        {
                            var expected = Dataset.Shapes[s].ExpectedOn(date);
                            if (expected == 0)
                            {
                                continue;
                            }

                            // A weekly x3 gets one chance a day at 3/7 of the rate, so about 3 a week at 70 %.
                            var chances = Math.Max(1, (int)expected);
                            var rate = 0.7 * Math.Min(expected, 1);
                            for (var k = 0; k < chances; k++)
                            {
                                if (random.NextDouble() >= rate)
                                {
                                    if (expected >= 1 && random.NextDouble() < 0.3)
                                    {
                                        skips.Add(new SkipRow(clientId, plan.Id, plan.AssignmentId(s), date, SkipReasons[random.Next(SkipReasons.Length)], zone));
                                    }

                                    continue;
                                }

                                var local = date.At(new LocalTime(7, 0)).PlusMinutes(random.Next(15 * 60));
                                var completedAt = local.InZoneLeniently(zone).ToInstant();
                                var reflect = random.NextDouble() < 0.15;
                                await completionImport.StartRowAsync();
                                await completionImport.WriteAsync(Guid.CreateVersion7(completedAt.ToDateTimeOffset()), NpgsqlDbType.Uuid);
                                await completionImport.WriteAsync(practiceId, NpgsqlDbType.Uuid);
                                await completionImport.WriteAsync(clientId, NpgsqlDbType.Uuid);
                                await completionImport.WriteAsync(plan.Id, NpgsqlDbType.Uuid);
                                await completionImport.WriteAsync(plan.AssignmentId(s), NpgsqlDbType.Uuid);
                                await completionImport.WriteAsync(Dataset.Shapes[s].ExerciseKey, NpgsqlDbType.Varchar);
                                await completionImport.WriteAsync("Scheduled", NpgsqlDbType.Varchar);
                                await completionImport.WriteAsync(completedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                                await completionImport.WriteAsync(completedAt.Plus(Duration.FromMinutes(random.Next(1, 90))).ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                                await completionImport.WriteAsync(random.Next(3, 30), NpgsqlDbType.Integer);
                                var before = random.Next(3, 11);
                                await completionImport.WriteAsync(before, NpgsqlDbType.Integer);
                                await completionImport.WriteAsync(Math.Max(0, before - random.Next(0, 5)), NpgsqlDbType.Integer);
                                await completionImport.WriteAsync(random.Next(2, 11), NpgsqlDbType.Integer);
                                if (reflect)
                                {
                                    await completionImport.WriteAsync(Reflections[random.Next(Reflections.Length)], NpgsqlDbType.Varchar);
                                }
                                else
                                {
                                    await completionImport.WriteNullAsync();
                                }

                                await completionImport.WriteAsync(reflect && random.NextDouble() < 0.7, NpgsqlDbType.Boolean);
                                completions++;
                            }
                        }
                    }
                }

                progress.Report(c + 1);
            }

            await completionImport.CompleteAsync();
        }

        await using (var skipImport = await connection.BeginBinaryImportAsync(
            "COPY skip_reports (id, practice_id, client_id, plan_id, assignment_id, date, reason, reported_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var skip in skips)
            {
                var reportedAt = skip.Date.PlusDays(1).AtStartOfDayInZone(skip.Zone).Plus(Duration.FromHours(9));
                await skipImport.WriteRowAsync(
                    default, Guid.CreateVersion7(reportedAt.ToDateTimeOffset()), practiceId, skip.ClientId, skip.PlanId, skip.AssignmentId, skip.Date.ToDateOnly(), skip.Reason, reportedAt.ToDateTimeUtc());
            }

            await skipImport.CompleteAsync();
        }

        return new LoadCounts(plans, assignments, completions, skips.Count);
    }

    private sealed record SkipRow(Guid ClientId, Guid PlanId, Guid AssignmentId, LocalDate Date, string Reason, DateTimeZone Zone);
}
