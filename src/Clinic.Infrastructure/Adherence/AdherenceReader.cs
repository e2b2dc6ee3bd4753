using Clinic.Domain.Adherence;
using Clinic.Domain.Common;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using Clinic.Infrastructure.Auditing;
using Clinic.Infrastructure.Persistence;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Clinic.Infrastructure.Adherence;

/// <summary>One plan to summarise: the plan as loaded, its client's zone and the requested window start.</summary>
public sealed record AdherenceRequest(HomeworkPlan Plan, DateTimeZone Zone, LocalDate? RequestedFrom = null);

/// <summary>A client's practice outside any plan to read with summaries: local dates [From, To] in the client's zone.</summary>
public sealed record OwnPracticeRange(Guid ClientId, DateTimeZone Zone, LocalDate From, LocalDate To);

/// <summary>What a caseload shows of a plan's summary.</summary>
public sealed record AdherenceTriage(double? AdherenceRate, double? Pdc, int CurrentStreak, int? DaysSinceLastCompletion, IReadOnlyList<string> Flags)
{
    public static AdherenceTriage Of(AdherenceSummary summary) =>
        new(summary.AdherenceRate, summary.Pdc, summary.CurrentStreak, summary.DaysSinceLastCompletion, summary.Flags);
}

/// <summary>A plan as loaded for summaries, with what the summaries need of its client.</summary>
public sealed record ClientPlan(HomeworkPlan Plan, string ClientTimeZone, string ClientDisplayName)
{
    public DateTimeZone Zone => TimeZones.Get(ClientTimeZone);
}

/// <summary>
/// Turns plans into adherence calculator inputs in two round trips, whether for one plan or a whole caseload:
/// the plans (with assignments, pauses and their client's zone and name) in one query; then one batch with the
/// audit entries of the read, the skip reports and the completions (the latest completion before the loaded range
/// folded in). Completions are read only from the earliest local date the summary needs, never the whole history,
/// and each plan is summarised as its rows stream in. A caseload's triages are read from the store where they hold
/// (two round trips too) and computed and stored otherwise (two more, ADR 0074).
/// </summary>
/// <remarks>
/// The batch is written against Npgsql directly rather than through EF Core: it is the hot path of every
/// summary, and one round trip with a streaming reader costs the API a fraction of what three buffered EF
/// queries and a SaveChanges did (docs/benchmarks.md). It runs inside EF Core's retrying execution strategy, on
/// the context's own connection.
/// </remarks>
public sealed class AdherenceReader(ClinicDbContext db, ILogger<AdherenceReader> logger)
{
    /// <summary>
    /// The plans of a query with their assignments, pauses and client, untracked, in one query: a plan has at most
    /// 20 assignments and a few pauses, so the joined rows stay few.
    /// </summary>
    public Task<List<ClientPlan>> PlansAsync(IQueryable<HomeworkPlan> plans, CancellationToken cancellationToken) =>
        plans.AsNoTracking()
            .Include(p => p.Assignments)
            .AsSingleQuery()
            .Join(db.Clients, p => p.ClientId, c => c.Id, (p, c) => new ClientPlan(p, c.TimeZone, c.DisplayName))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Summaries of the requested plans as of <paramref name="asOf"/>, in request order, and the audit entries of
    /// the read (<paramref name="audit"/>), all in one round trip.
    /// </summary>
    public async Task<IReadOnlyList<AdherenceSummary>> SummarizeAsync(
        IReadOnlyList<AdherenceRequest> requests, Instant asOf, AuditedReads audit, CancellationToken cancellationToken) =>
        (await ReadAsync(requests, asOf, audit, CompletionColumns.All, static summary => summary, ownPractice: null, cancellationToken)).Results;

    /// <summary>
    /// What session prep reads, in the same round trip as <see cref="SummarizeAsync"/>: the summaries of the requested
    /// plans, and what helped between sessions (ADHERENCE.md, "Relief" and "Moments") over the completions those
    /// summaries count together with the client's practice outside any plan with local date in
    /// [<paramref name="ownPractice"/>.From, .To].
    /// </summary>
    public async Task<(IReadOnlyList<AdherenceSummary> Summaries, ReliefSummary BetweenSessions)> SessionPrepAsync(
        IReadOnlyList<AdherenceRequest> requests, Instant asOf, AuditedReads audit, OwnPracticeRange ownPractice, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(requests, asOf, audit, CompletionColumns.All, static summary => summary, ownPractice, cancellationToken);
        return (read.Results, ReliefRules.Summarize(read.Relief!, ownPractice.Zone));
    }

    /// <summary>
    /// The triage figures of the requested plans (rate, PDC, streak, days since the last completion, flags), as
    /// <see cref="SummarizeAsync"/> would compute them, for a caseload, in request order. A plan's stored triage is
    /// read when it still holds (<see cref="StoredTriage"/>): one round trip with the audit entries reads them all.
    /// The others are computed from their completions in a second round trip, reading only the completion columns
    /// those figures depend on, and stored in a third.
    /// </summary>
    public async Task<IReadOnlyList<AdherenceTriage>> TriageAsync(
        IReadOnlyList<AdherenceRequest> requests, Instant asOf, AuditedReads audit, CancellationToken cancellationToken)
    {
        var inputs = requests.Select(r => new PlanInput(ToCalculatorPlan(r.Plan, r.Zone), r.RequestedFrom)).ToList();
        var strategy = db.Database.CreateExecutionStrategy();

        // The audit entries commit with the first round trip; a retry after a later one failed must not write them again.
        var unwritten = new StrongBox<AuditedReads?>(audit);
        return await strategy.ExecuteAsync(
            (Reader: this, Inputs: inputs, AsOf: asOf, Audit: unwritten),
            static (state, token) => state.Reader.OnConnectionAsync(
                () => state.Reader.StoredOrComputedAsync(state.Inputs, state.AsOf, state.Audit, token), token),
            cancellationToken);
    }

    private async Task<AdherenceTriage[]> StoredOrComputedAsync(
        List<PlanInput> inputs, Instant asOf, StrongBox<AuditedReads?> audit, CancellationToken cancellationToken)
    {
        var keys = inputs.ConvertAll(i => StoredTriages.KeyOf(i.Plan));
        var (results, stamps) = await ReadStoredAsync(inputs, keys, asOf, audit.Value, cancellationToken);
        audit.Value = null;
        var misses = Enumerable.Range(0, inputs.Count).Where(i => results[i] is null).ToList();
        if (misses.Count == 0)
        {
            return results!;
        }

        var computed = await LoadAndCalculateAsync(
            misses.ConvertAll(i => inputs[i]), asOf, audit: null, CompletionColumns.Triage, AdherenceTriage.Of, ownPractice: null, cancellationToken);
        var stored = new List<StoredTriage>(misses.Count);
        for (var m = 0; m < misses.Count; m++)
        {
            var index = misses[m];
            var triage = results[index] = computed.Results[m];
            stored.Add(new StoredTriage
            {
                PlanId = inputs[index].Plan.PlanId,
                DataStamp = stamps[index],
                PlanKey = keys[index],
                AsOf = asOf,
                ValidUntil = StoredTriages.ValidUntil(inputs[index].Plan, asOf, computed.NextChanges[m]),
                AdherenceRate = triage.AdherenceRate,
                Pdc = triage.Pdc,
                CurrentStreak = triage.CurrentStreak,
                DaysSinceLastCompletion = triage.DaysSinceLastCompletion,
                Flags = [.. triage.Flags],
            });
        }

        // The triages are correct whether or not they can be stored: a failed store costs the next caseload a computation.
        try
        {
            await using var write = new NpgsqlBatch(Connection);
            write.BatchCommands.Add(StoredTriages.WriteCommand(stored));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException failure) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not store {Count} caseload triages: {ExceptionType} {SqlState}", stored.Count, failure.GetType().Name, failure.SqlState);
        }

        return results!;
    }

    /// <summary>
    /// Writes the audit entries (unless an earlier attempt did) and reads each plan's data stamp, with its stored triage
    /// when that holds, in one batch.
    /// The stamps are read before any completion: a write between this and the completions' read leaves a stored
    /// triage with an older stamp than its data, which only means it is computed again.
    /// </summary>
    private async Task<(AdherenceTriage?[] Triages, long[] Stamps)> ReadStoredAsync(
        List<PlanInput> inputs, List<byte[]> keys, Instant asOf, AuditedReads? audit, CancellationToken cancellationToken)
    {
        var triages = new AdherenceTriage?[inputs.Count];
        var stamps = new long[inputs.Count];
        await using var batch = new NpgsqlBatch(Connection);
        if (audit is not null)
        {
            batch.BatchCommands.Add(AuditReadsCommand.Create(audit));
        }

        if (inputs.Count > 0)
        {
            batch.BatchCommands.Add(StoredTriages.ReadCommand(inputs.ConvertAll(i => i.Plan.PlanId), keys, asOf));
        }

        if (batch.BatchCommands.Count == 0)
        {
            return (triages, stamps);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (inputs.Count > 0 && await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0) - 1;
            stamps[index] = reader.GetInt64(1);
            if (reader.GetBoolean(2))
            {
                triages[index] = new AdherenceTriage(
                    NullableDouble(reader, 3), NullableDouble(reader, 4), reader.GetInt32(5), NullableInt(reader, 6), reader.GetFieldValue<string[]>(7));
            }
        }

        // Reading on to the end surfaces an error of any statement of the batch.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return (triages, stamps);
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    private async Task<Read<T>> ReadAsync<T>(
        IReadOnlyList<AdherenceRequest> requests,
        Instant asOf,
        AuditedReads audit,
        CompletionColumns columns,
        Func<AdherenceSummary, T> project,
        OwnPracticeRange? ownPractice,
        CancellationToken cancellationToken)
    {
        var inputs = requests.Select(r => new PlanInput(ToCalculatorPlan(r.Plan, r.Zone), r.RequestedFrom)).ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (Reader: this, Inputs: inputs, AsOf: asOf, Audit: audit, Columns: columns, Project: project, Own: ownPractice),
            static (state, token) => state.Reader.OnConnectionAsync(
                () => state.Reader.LoadAndCalculateAsync(state.Inputs, state.AsOf, state.Audit, state.Columns, state.Project, state.Own, token), token),
            cancellationToken);
    }

    private async Task<T> OnConnectionAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The plan as the calculator sees it; assignments in the order the plan gave them, as the plan API lists them.</summary>
    public static AdherencePlan ToCalculatorPlan(HomeworkPlan plan, DateTimeZone zone) => new(
        plan.Id,
        plan.ClientId,
        zone,
        plan.StartDate,
        plan.EndDate,
        [.. plan.Assignments.Select(a => new AdherenceAssignment(a.Id, a.ExerciseKey, a.Title, a.Schedule, a.EffectiveStart(plan), a.EffectiveEnd(plan)))],
        [.. plan.Pauses]);

    /// <summary>
    /// The earliest local date whose completions can change the summary. The window's start, and before it:
    /// the start of a once assignment due from the window on (any earlier completion credits it), the
    /// inactive look-back (<c>[to-2, today]</c>, which may reach before a narrowed window), and the start of
    /// a weekly assignment's period in progress today.
    /// </summary>
    public static LocalDate EarliestDateNeeded(AdherencePlan plan, Instant asOf, LocalDate? requestedFrom)
    {
        var today = asOf.InZone(plan.TimeZone).Date;
        var (from, to, days) = AdherenceCalculator.WindowOf(plan, asOf, requestedFrom);
        var earliest = from;
        if (days > 0)
        {
            earliest = LocalDate.Min(earliest, to.PlusDays(-2));
        }

        foreach (var assignment in plan.Assignments)
        {
            var schedule = assignment.Schedule;
            if (schedule.Kind == ScheduleKind.Once && schedule.DueDate >= from && schedule.DueDate <= today)
            {
                earliest = LocalDate.Min(earliest, assignment.StartDate);
            }
            else if (schedule.Kind == ScheduleKind.Weekly && today >= assignment.StartDate && today <= assignment.EndDate)
            {
                var periodStart = assignment.StartDate.PlusDays(Period.DaysBetween(assignment.StartDate, today) / 7 * 7);
                earliest = LocalDate.Min(earliest, periodStart);
            }
        }

        return earliest;
    }

    /// <summary>
    /// One batch on the open connection: the audit entries first when given (if they cannot be written, nothing is
    /// read), then the skip reports dated inside each window, then the completions of each plan from its earliest
    /// needed date up to asOf with the latest completion before that range (one row per completion, or one row without a completion for a plan with
    /// none), plan after plan in request order. Each plan is summarised as soon as its last row is read, so a
    /// caseload holds one plan's completions at a time, not the whole caseload's.
    /// </summary>
    private async Task<Read<T>> LoadAndCalculateAsync<T>(
        List<PlanInput> inputs,
        Instant asOf,
        AuditedReads? audit,
        CompletionColumns columns,
        Func<AdherenceSummary, T> project,
        OwnPracticeRange? ownPractice,
        CancellationToken cancellationToken)
    {
        var results = new T[inputs.Count];
        var nextChanges = new Instant?[inputs.Count];
        var relief = ownPractice is null ? null : new List<ReliefFact>();
        var skips = new Dictionary<Guid, List<SkipFact>>();
        var windows = inputs
            .Select(i => (i.Plan.PlanId, Window: AdherenceCalculator.WindowOf(i.Plan, asOf, i.RequestedFrom)))
            .Where(w => w.Window.Days > 0)
            .ToList();

        await using var batch = new NpgsqlBatch(Connection);
        if (audit is not null)
        {
            batch.BatchCommands.Add(AuditReadsCommand.Create(audit));
        }

        if (windows.Count > 0)
        {
            batch.BatchCommands.Add(SkipsCommand(windows.ConvertAll(w => (w.PlanId, w.Window.From, w.Window.To))));
        }

        if (inputs.Count > 0)
        {
            batch.BatchCommands.Add(CompletionsCommand(inputs, asOf, columns));
        }

        if (ownPractice is not null)
        {
            batch.BatchCommands.Add(OwnPracticeCommand(ownPractice, asOf));
        }

        // The reader starts on the first statement with rows (the audit insert has none); each later one is a NextResult away.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var onFirst = true;
        async Task NextAsync()
        {
            if (!onFirst)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            onFirst = false;
        }

        if (windows.Count > 0)
        {
            await NextAsync();
            await ReadSkipsAsync(reader, skips, cancellationToken);
        }

        if (inputs.Count > 0)
        {
            await NextAsync();
            var completions = CompletionBuffers.Rent();
            try
            {
                await ReadAndCalculateAsync(reader, columns, inputs, skips, asOf, project, results, nextChanges, relief, completions, cancellationToken);
            }
            finally
            {
                CompletionBuffers.Return(completions);
            }
        }

        if (relief is not null)
        {
            await NextAsync();
            await ReadOwnPracticeAsync(reader, relief, cancellationToken);
        }

        // Reading on to the end surfaces an error of any statement of the batch.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return new Read<T>(results, relief, nextChanges);
    }

    /// <summary>
    /// The client's practice outside any plan with local date in the range, at or before asOf and not voided then,
    /// through the partial index of such practice (ADR 0040).
    /// </summary>
    private static NpgsqlBatchCommand OwnPracticeCommand(OwnPracticeRange range, Instant asOf)
    {
        var command = new NpgsqlBatchCommand("""
            SELECT c.exercise_key, c.completed_at, c.context, c.distress_before, c.distress_after
            FROM completions c
            WHERE c.plan_id IS NULL AND c.client_id = $1 AND c.completed_at >= $2 AND c.completed_at < $3 AND c.completed_at <= $4
              AND (c.voided_at IS NULL OR c.voided_at > $4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = range.ClientId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Zone.AtStartOfDay(range.From).ToInstant(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Zone.AtStartOfDay(range.To.PlusDays(1)).ToInstant(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command;
    }

    private static async Task ReadOwnPracticeAsync(NpgsqlDataReader reader, List<ReliefFact> relief, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            relief.Add(new ReliefFact(
                reader.GetString(0),
                reader.GetFieldValue<Instant>(1),
                Enum.Parse<CompletionContext>(reader.GetString(2)),
                NullableInt(reader, 3),
                NullableInt(reader, 4)));
        }
    }

    private static NpgsqlBatchCommand CompletionsCommand(List<PlanInput> inputs, Instant asOf, CompletionColumns columns)
    {
        // WITH ORDINALITY keeps the rows in request order: the nested loop follows the unnest, so the ORDER BY
        // costs no sort. A summary is what staff read, so a reflection leaves the database only when its client
        // shares it and has not voided the completion (the rule of Clinic.Domain.Privacy.Reader). A completion
        // voided after asOf still counted then, and counts in a summary as of then.
        const string SharedReflection = "CASE WHEN c.share_with_therapist AND c.voided_at IS NULL THEN c.reflection END";
        var completionColumns = columns == CompletionColumns.All
            ? $"""
              c.assignment_id, c.completed_at, c.distress_after, {SharedReflection}, c.share_with_therapist,
              c.id, c.received_at, c.duration_minutes, c.distress_before, c.helpfulness, c.context
              """
            : $"c.assignment_id, c.completed_at, c.distress_after, {SharedReflection}";
        // A triage is stored until the plan's earliest completion or void dated after asOf (StoredTriages.ValidUntil).
        var nextChange = columns == CompletionColumns.Triage
            ? """
              least(
                  (SELECT min(y.completed_at) FROM completions y WHERE y.plan_id = w.plan_id AND y.completed_at > $3),
                  (SELECT min(y.voided_at) FROM completions y WHERE y.plan_id = w.plan_id AND y.voided_at > $3))
              """
            : "NULL::timestamptz";
        var command = new NpgsqlBatchCommand($"""
            SELECT w.ordinal, lb.last_before, lb.next_change, {completionColumns}
            FROM unnest($1::uuid[], $2::timestamptz[]) WITH ORDINALITY AS w(plan_id, loaded_start, ordinal)
            CROSS JOIN LATERAL (
                SELECT max(x.completed_at) AS last_before, {nextChange} AS next_change
                FROM completions x
                WHERE x.plan_id = w.plan_id AND x.completed_at < w.loaded_start AND x.completed_at <= $3
                  AND (x.voided_at IS NULL OR x.voided_at > $3) AND x.assignment_id <> ALL($4)
            ) AS lb
            LEFT JOIN completions c
                ON c.plan_id = w.plan_id AND c.completed_at >= w.loaded_start AND c.completed_at <= $3
                AND (c.voided_at IS NULL OR c.voided_at > $3)
            ORDER BY w.ordinal
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = inputs.ConvertAll(i => i.Plan.PlanId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = inputs.ConvertAll(i => i.Plan.TimeZone.AtStartOfDay(EarliestDateNeeded(i.Plan, asOf, i.RequestedFrom)).ToInstant()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.TimestampTz });

        // Uses of an as-needed assignment are no practice of the plan's schedule, so they are not its last practice either.
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = inputs.SelectMany(i => i.Plan.Assignments).Where(a => !a.Schedule.IsScheduled).Select(a => a.AssignmentId).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        });
        return command;
    }

    /// <summary>
    /// Reads the completion rows plan by plan and summarises each plan when the rows move on to the next, reusing
    /// one buffer for the completions (the calculator keeps none of them).
    /// </summary>
    private static async Task ReadAndCalculateAsync<T>(
        NpgsqlDataReader reader,
        CompletionColumns columns,
        List<PlanInput> inputs,
        Dictionary<Guid, List<SkipFact>> skips,
        Instant asOf,
        Func<AdherenceSummary, T> project,
        T[] results,
        Instant?[] nextChanges,
        List<ReliefFact>? relief,
        List<CompletionFact> completions,
        CancellationToken cancellationToken)
    {
        var index = -1;
        Instant? lastBefore = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowIndex = (int)reader.GetInt64(0) - 1;
            if (rowIndex != index)
            {
                Summarize(index);
                index = rowIndex;
                lastBefore = reader.IsDBNull(1) ? null : reader.GetFieldValue<Instant>(1);
                nextChanges[index] = reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2);
            }

            if (!reader.IsDBNull(3))
            {
                completions.Add(columns == CompletionColumns.All ? FullCompletion(reader) : TriageCompletion(reader));
            }
        }

        Summarize(index);

        void Summarize(int planIndex)
        {
            if (planIndex < 0)
            {
                return;
            }

            var input = inputs[planIndex];
            results[planIndex] = project(AdherenceCalculator.Calculate(
                input.Plan,
                completions,
                skips.GetValueOrDefault(input.Plan.PlanId) ?? [],
                asOf,
                input.RequestedFrom,
                lastBefore,
                withRelief: columns == CompletionColumns.All));
            relief?.AddRange(ReliefRules.Counted(input.Plan, completions, asOf, input.RequestedFrom));
            completions.Clear();
        }
    }

    private static CompletionFact FullCompletion(NpgsqlDataReader reader) => new(
        CompletionId: reader.GetGuid(8),
        AssignmentId: reader.GetGuid(3),
        CompletedAt: reader.GetFieldValue<Instant>(4),
        ReceivedAt: reader.GetFieldValue<Instant>(9),
        DurationMinutes: NullableInt(reader, 10),
        DistressBefore: NullableInt(reader, 11),
        DistressAfter: NullableInt(reader, 5),
        Helpfulness: NullableInt(reader, 12),
        Reflection: reader.IsDBNull(6) ? null : reader.GetString(6),
        ShareWithTherapist: reader.GetBoolean(7),
        Context: Enum.Parse<CompletionContext>(reader.GetString(13)));

    /// <summary>
    /// What the triage figures read of a completion: its assignment and time (credit, streaks, last completion),
    /// distress after (high_distress) and a shared reflection (reflections_to_review). The rest stays unset.
    /// </summary>
    private static CompletionFact TriageCompletion(NpgsqlDataReader reader)
    {
        var completedAt = reader.GetFieldValue<Instant>(4);
        var sharedReflection = reader.IsDBNull(6) ? null : reader.GetString(6);
        return new CompletionFact(
            CompletionId: Guid.Empty,
            AssignmentId: reader.GetGuid(3),
            CompletedAt: completedAt,
            ReceivedAt: completedAt,
            DurationMinutes: null,
            DistressBefore: null,
            DistressAfter: NullableInt(reader, 5),
            Helpfulness: null,
            Reflection: sharedReflection,
            ShareWithTherapist: sharedReflection is not null);
    }

    private static NpgsqlBatchCommand SkipsCommand(List<(Guid PlanId, LocalDate From, LocalDate To)> windows)
    {
        var command = new NpgsqlBatchCommand("""
            SELECT s.plan_id, s.assignment_id, s.date, s.reason
            FROM skip_reports s
            JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS w(plan_id, first_day, last_day)
                ON s.plan_id = w.plan_id AND s.date >= w.first_day AND s.date <= w.last_day
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = windows.ConvertAll(w => w.PlanId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = windows.ConvertAll(w => w.From).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = windows.ConvertAll(w => w.To).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        return command;
    }

    private static async Task ReadSkipsAsync(NpgsqlDataReader reader, Dictionary<Guid, List<SkipFact>> byPlan, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            var planId = reader.GetGuid(0);
            if (!byPlan.TryGetValue(planId, out var list))
            {
                list = [];
                byPlan.Add(planId, list);
            }

            list.Add(new SkipFact(reader.GetGuid(1), reader.GetFieldValue<LocalDate>(2), Enum.Parse<SkipReason>(reader.GetString(3))));
        }
    }

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private sealed record PlanInput(AdherencePlan Plan, LocalDate? RequestedFrom);

    /// <summary>What one batch read: a result per requested plan, and the practice relief reads when asked for.</summary>
    private sealed record Read<T>(T[] Results, List<ReliefFact>? Relief, Instant?[] NextChanges);

    private enum CompletionColumns
    {
        All,
        Triage,
    }
}
