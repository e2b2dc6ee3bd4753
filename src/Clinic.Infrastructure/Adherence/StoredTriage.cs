using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clinic.Domain.Adherence;
using Clinic.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Adherence;

/// <summary>
/// A plan's caseload triage as it was computed, kept so that a caseload reads one row per plan instead of the plan's
/// completions (ADHERENCE.md, "Stored triage"; ADR 0074). A stored triage answers a caseload as of an instant only
/// while it is exactly what the calculator would compute then:
/// <list type="bullet">
/// <item>the plan's data stamp is the one it was computed from (a trigger moves the stamp with every write to the plan's
/// completions or skip reports);</item>
/// <item>its <see cref="PlanKey"/> is the key of the plan as loaded now (dates, assignments and schedules, pauses, the
/// client's zone, the definitions and the build of the calculator);</item>
/// <item>the instant lies in [<see cref="AsOf"/>, <see cref="ValidUntil"/>): the same local date, and no completion,
/// void, pause or resume of the plan dated in between.</item>
/// </list>
/// </summary>
public sealed class StoredTriage
{
    public Guid PlanId { get; set; }

    /// <summary>The plan's data stamp (<c>plans.data_stamp</c>) read before the data the triage was computed from.</summary>
    public long DataStamp { get; set; }

    /// <summary>SHA-256 of everything of the plan the calculator reads besides completions and skip reports.</summary>
    public byte[] PlanKey { get; set; } = [];

    public Instant AsOf { get; set; }

    public Instant ValidUntil { get; set; }

    public double? AdherenceRate { get; set; }

    public double? Pdc { get; set; }

    public int CurrentStreak { get; set; }

    public int? DaysSinceLastCompletion { get; set; }

    public string[] Flags { get; set; } = [];
}

internal sealed class StoredTriageConfiguration : IEntityTypeConfiguration<StoredTriage>
{
    public void Configure(EntityTypeBuilder<StoredTriage> builder)
    {
        builder.ToTable("plan_triages");
        builder.HasKey(t => t.PlanId);
        builder.Property(t => t.PlanId).ValueGeneratedNever();
        builder.HasOne<HomeworkPlan>().WithOne().HasForeignKey<StoredTriage>(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The statements and the key of stored triages (<see cref="StoredTriage"/>).</summary>
internal static class StoredTriages
{
    /// <summary>
    /// The builds of the calculator and of the reader that feeds it: a new build may compute differently, so it never
    /// serves a triage stored by another.
    /// </summary>
    private static readonly string Build =
        typeof(AdherenceCalculator).Module.ModuleVersionId.ToString("N") + typeof(StoredTriages).Module.ModuleVersionId.ToString("N");

    /// <summary>
    /// The key of a plan as the calculator sees it, apart from its completions and skip reports: two plans with the same
    /// key and the same data give the same triage at the same instant.
    /// </summary>
    public static byte[] KeyOf(AdherencePlan plan)
    {
        var text = new StringBuilder(256)
            .Append(AdherenceCalculator.DefinitionsVersion).Append('|').Append(Build).Append('|')
            .Append(plan.PlanId.ToString("N")).Append('|').Append(plan.ClientId.ToString("N")).Append('|')
            .Append(plan.TimeZone.Id).Append('|').Append(Date(plan.StartDate)).Append('|').Append(Date(plan.EndDate));
        foreach (var assignment in plan.Assignments)
        {
            var schedule = assignment.Schedule;
            text.Append("|a:").Append(assignment.AssignmentId.ToString("N"))
                .Append(',').Append(assignment.ExerciseKey)
                .Append(',').Append(Date(assignment.StartDate)).Append(',').Append(Date(assignment.EndDate))
                .Append(',').Append(schedule.Kind.ToString())
                .Append(',').Append(schedule.TimesPerDay.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(string.Join(' ', schedule.DaysOfWeek.Order().Select(d => (int)d)))
                .Append(',').Append(schedule.TimesPerWeek.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(schedule.DueDate is { } due ? Date(due) : "-")
                .Append(',').Append(string.Join(' ', schedule.TimesOfDay.Select(t => t.TickOfDay)));
        }

        foreach (var pause in plan.Pauses)
        {
            text.Append("|p:").Append(pause.PausedAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(pause.ResumedAt is { } resumed ? resumed.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) : "-");
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Until when a triage computed as of <paramref name="asOf"/> stays what the calculator would compute, data and plan
    /// unchanged: the start of the next local day in the client's zone (a new today), the plan's earliest completion or
    /// void dated after asOf (<paramref name="nextCompletionChange"/>, read with the completions), and its earliest pause
    /// or resume recorded after asOf. Nothing else of the calculator's inputs depends on the instant.
    /// </summary>
    public static Instant ValidUntil(AdherencePlan plan, Instant asOf, Instant? nextCompletionChange)
    {
        var today = asOf.InZone(plan.TimeZone).Date;
        var until = plan.TimeZone.AtStartOfDay(today.PlusDays(1)).ToInstant();
        if (nextCompletionChange is { } change && change < until)
        {
            until = change;
        }

        foreach (var pause in plan.Pauses)
        {
            if (pause.PausedAt > asOf && pause.PausedAt < until)
            {
                until = pause.PausedAt;
            }

            if (pause.ResumedAt is { } resumed && resumed > asOf && resumed < until)
            {
                until = resumed;
            }
        }

        return until;
    }

    /// <summary>
    /// Every requested plan in request order with its data stamp now, and its stored triage when that triage holds as of
    /// asOf for the plan's key (columns 3 to 7 null otherwise).
    /// </summary>
    public static NpgsqlBatchCommand ReadCommand(IReadOnlyList<Guid> planIds, IReadOnlyList<byte[]> keys, Instant asOf)
    {
        var command = new NpgsqlBatchCommand("""
            SELECT w.ordinal, p.data_stamp, t.plan_id IS NOT NULL, t.adherence_rate, t.pdc, t.current_streak,
                   t.days_since_last_completion, t.flags
            FROM unnest($1::uuid[], $2::bytea[]) WITH ORDINALITY AS w(plan_id, plan_key, ordinal)
            JOIN plans p ON p.id = w.plan_id
            LEFT JOIN plan_triages t
                ON t.plan_id = w.plan_id AND t.data_stamp = p.data_stamp AND t.plan_key = w.plan_key
                AND t.as_of <= $3 AND t.valid_until > $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = planIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command;
    }

    /// <summary>
    /// Stores computed triages. A row is replaced by one computed from a later data stamp, or from the same stamp as of
    /// a later instant; an older computation that finishes last never overwrites a newer one.
    /// </summary>
    public static NpgsqlBatchCommand WriteCommand(IReadOnlyList<StoredTriage> triages)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO plan_triages (plan_id, data_stamp, plan_key, as_of, valid_until, adherence_rate, pdc, current_streak,
                                      days_since_last_completion, flags)
            SELECT r.plan_id, r.data_stamp, r.plan_key, r.as_of, r.valid_until, r.adherence_rate, r.pdc, r.current_streak,
                   r.days_since_last_completion, string_to_array(r.flags, ',')
            FROM unnest($1::uuid[], $2::bigint[], $3::bytea[], $4::timestamptz[], $5::timestamptz[], $6::float8[], $7::float8[],
                        $8::int[], $9::int[], $10::text[])
                AS r(plan_id, data_stamp, plan_key, as_of, valid_until, adherence_rate, pdc, current_streak, days_since_last_completion, flags)
            ON CONFLICT (plan_id) DO UPDATE SET
                data_stamp = excluded.data_stamp, plan_key = excluded.plan_key, as_of = excluded.as_of,
                valid_until = excluded.valid_until, adherence_rate = excluded.adherence_rate, pdc = excluded.pdc,
                current_streak = excluded.current_streak, days_since_last_completion = excluded.days_since_last_completion,
                flags = excluded.flags
            WHERE plan_triages.data_stamp < excluded.data_stamp
               OR (plan_triages.data_stamp = excluded.data_stamp AND plan_triages.as_of <= excluded.as_of)
            """);
        command.Parameters.Add(Array(triages.Select(t => t.PlanId).ToArray(), NpgsqlDbType.Uuid));
        command.Parameters.Add(Array(triages.Select(t => t.DataStamp).ToArray(), NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(triages.Select(t => t.PlanKey).ToArray(), NpgsqlDbType.Bytea));
        command.Parameters.Add(Array(triages.Select(t => t.AsOf).ToArray(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(triages.Select(t => t.ValidUntil).ToArray(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(triages.Select(t => t.AdherenceRate).ToArray(), NpgsqlDbType.Double));
        command.Parameters.Add(Array(triages.Select(t => t.Pdc).ToArray(), NpgsqlDbType.Double));
        command.Parameters.Add(Array(triages.Select(t => t.CurrentStreak).ToArray(), NpgsqlDbType.Integer));
        command.Parameters.Add(Array(triages.Select(t => t.DaysSinceLastCompletion).ToArray(), NpgsqlDbType.Integer));

        // Flags are snake_case words: a comma joins them into one text per row, which unnest cannot do for arrays of arrays.
        command.Parameters.Add(Array(triages.Select(t => string.Join(',', t.Flags)).ToArray(), NpgsqlDbType.Text));
        return command;
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
