using System.Globalization;
using System.Text;
using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using CsCheck;
using NodaTime;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>Invariants that hold for every plan, whatever its schedules, pauses, completions and asOf.</summary>
public sealed class AdherenceCalculatorProperties
{
    private static readonly string[] Zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"];

    [Fact]
    public void Credited_never_exceeds_expected_and_rates_stay_between_zero_and_one() =>
        GeneratedPlan.Any(Zones).Sample(generated =>
        {
            var (plan, completions, skips, asOf, requestedFrom) = generated.Build(shiftDays: 0);
            var summary = AdherenceCalculator.Calculate(plan, completions, skips, asOf, requestedFrom);

            Assert.InRange(summary.Credited, 0, summary.Expected);
            Assert.Equal(summary.Expected, summary.Assignments.Sum(a => a.Expected));
            Assert.Equal(summary.Credited, summary.Assignments.Sum(a => a.Credited));
            Assert.Equal(summary.Extra, summary.Assignments.Sum(a => a.Extra));
            AssertRate(summary.AdherenceRate, summary.Credited, summary.Expected);
            AssertRate(summary.Pdc, summary.PracticedDueDays, summary.DueDays);
            foreach (var assignment in summary.Assignments)
            {
                Assert.InRange(assignment.Credited, 0, assignment.Expected);
                Assert.True(assignment.Extra >= 0);
                AssertRate(assignment.AdherenceRate, assignment.Credited, assignment.Expected);
            }

            Assert.InRange(summary.CurrentStreak, 0, summary.LongestStreak);
            Assert.InRange(summary.LongestStreak, 0, summary.DueDays);
            Assert.InRange(summary.DueDays, 0, summary.Window.Days);
            if (summary.Trend is { } trend)
            {
                Assert.InRange(trend.RecentRate, 0, 1);
                Assert.InRange(trend.PriorRate, 0, 1);
            }
        }, iter: 1000);

    [Fact]
    public void Every_completion_in_the_window_is_either_credited_or_extra() =>
        GeneratedPlan.Any(Zones).Sample(generated =>
        {
            var (plan, completions, skips, asOf, requestedFrom) = generated.Build(shiftDays: 0);
            var summary = AdherenceCalculator.Calculate(plan, completions, skips, asOf, requestedFrom);

            foreach (var assignment in summary.Assignments)
            {
                var inWindow = completions.Count(c =>
                    c.AssignmentId == assignment.AssignmentId
                    && c.CompletedAt <= asOf
                    && IsInWindow(c.CompletedAt.InZone(plan.TimeZone).Date, summary.Window));

                if (assignment.Schedule.Kind == ScheduleKind.Once)
                {
                    // The credited completion of a once assignment may predate the window.
                    Assert.InRange(assignment.Credited + assignment.Extra, inWindow, inWindow + 1);
                }
                else
                {
                    Assert.Equal(inWindow, assignment.Credited + assignment.Extra);
                }
            }

            Assert.Equal(summary.Quality.Completions, completions.Count(c =>
                c.CompletedAt <= asOf && IsInWindow(c.CompletedAt.InZone(plan.TimeZone).Date, summary.Window)));
        }, iter: 1000);

    [Fact]
    public void The_summary_does_not_depend_on_the_order_of_completions_skips_or_pauses() =>
        Gen.Select(GeneratedPlan.Any(Zones), Gen.Int).Sample((generated, seed) =>
        {
            var (plan, completions, skips, asOf, requestedFrom) = generated.Build(shiftDays: 0);
            var random = new Random(seed);
            var shuffledPlan = plan with { Pauses = [.. plan.Pauses.OrderBy(_ => random.Next())] };
            var shuffledCompletions = completions.OrderBy(_ => random.Next()).ToList();
            var shuffledSkips = skips.OrderBy(_ => random.Next()).ToList();

            var inOrder = AdherenceCalculator.Calculate(plan, completions, skips, asOf, requestedFrom);
            var shuffled = AdherenceCalculator.Calculate(shuffledPlan, shuffledCompletions, shuffledSkips, asOf, requestedFrom);

            Assert.Equal(Describe(inOrder, plan.StartDate, asOf), Describe(shuffled, plan.StartDate, asOf));
        }, iter: 1000);

    /// <remarks>Asia/Kolkata has no DST, so shifting by whole weeks moves every instant by exactly that many days.</remarks>
    [Fact]
    public void Shifting_every_date_and_instant_by_whole_weeks_only_moves_the_dates() =>
        Gen.Select(GeneratedPlan.Any(["Asia/Kolkata"]), Gen.Int[-20, 20]).Sample((generated, weeks) =>
        {
            var (plan, completions, skips, asOf, requestedFrom) = generated.Build(shiftDays: 0);
            var (shiftedPlan, shiftedCompletions, shiftedSkips, shiftedAsOf, shiftedFrom) = generated.Build(shiftDays: 7 * weeks);

            var original = AdherenceCalculator.Calculate(plan, completions, skips, asOf, requestedFrom);
            var shifted = AdherenceCalculator.Calculate(shiftedPlan, shiftedCompletions, shiftedSkips, shiftedAsOf, shiftedFrom);

            Assert.Equal(original.Window.From.PlusDays(7 * weeks), shifted.Window.From);
            Assert.Equal(original.Window.To.PlusDays(7 * weeks), shifted.Window.To);
            Assert.Equal(Describe(original, plan.StartDate, asOf), Describe(shifted, shiftedPlan.StartDate, shiftedAsOf));
        }, iter: 1000);

    private static bool IsInWindow(LocalDate date, SummaryWindow window) => date >= window.From && date <= window.To;

    private static void AssertRate(double? rate, int numerator, int denominator)
    {
        if (denominator == 0)
        {
            Assert.Null(rate);
        }
        else
        {
            Assert.NotNull(rate);
            Assert.InRange(rate.Value, 0, 1);
            Assert.Equal((double)numerator / denominator, rate.Value);
        }
    }

    /// <summary>Every field of a summary, with dates and instants written relative to an origin, so shifted summaries compare equal.</summary>
    internal static string Describe(AdherenceSummary summary, LocalDate originDate, Instant originInstant)
    {
        string Date(LocalDate date) => Period.DaysBetween(originDate, date).ToString(CultureInfo.InvariantCulture);
        string Moment(Instant? instant) => instant is { } i ? (i - originInstant).ToString() : "none";
        string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";

        var text = new StringBuilder()
            .AppendLine($"{summary.PlanId} {summary.ClientId} {summary.TimeZone} {summary.DefinitionsVersion}")
            .AppendLine($"window {Date(summary.Window.From)}..{Date(summary.Window.To)} ({summary.Window.Days})")
            .AppendLine($"credit {summary.Expected} {summary.Credited} {summary.Extra} {Number(summary.AdherenceRate)}")
            .AppendLine($"days {summary.DueDays} {summary.PracticedDueDays} {Number(summary.Pdc)} {summary.CurrentStreak} {summary.LongestStreak}")
            .AppendLine($"last {Moment(summary.LastCompletedAt)} {summary.DaysSinceLastCompletion}")
            .AppendLine($"quality {summary.Quality with { }}")
            .AppendLine($"skips {string.Join(",", summary.Skips.Select(s => $"{s.Key}={s.Value}"))}")
            .AppendLine($"trend {summary.Trend}")
            .AppendLine($"today {string.Join(",", summary.Today)}")
            .AppendLine($"flags {string.Join(",", summary.Flags)}");
        foreach (var reflection in summary.ReflectionsShared)
        {
            text.AppendLine($"reflection {reflection.CompletionId} {reflection.AssignmentId} {Moment(reflection.CompletedAt)} {reflection.Reflection}");
        }

        foreach (var a in summary.Assignments)
        {
            text.AppendLine($"assignment {a.AssignmentId} {a.Expected} {a.Credited} {a.Extra} {Number(a.AdherenceRate)} {Moment(a.LastCompletedAt)} {a.OnTime}");
        }

        return text.ToString();
    }
}

/// <summary>
/// A random plan of about two months described by offsets from its start date, so the same plan can be built
/// at any start date (for the shift property). Up to three assignments of any schedule, pauses, completions, skips.
/// </summary>
internal sealed record GeneratedPlan(
    string ZoneId,
    LocalDate StartDate,
    int LengthDays,
    GeneratedAssignment[] Assignments,
    GeneratedPause[] Pauses,
    GeneratedCompletion[] Completions,
    GeneratedSkip[] Skips,
    int AsOfDay,
    int AsOfMinute,
    int? RequestedFromDay)
{
    public static Gen<GeneratedPlan> Any(string[] zones) =>
        from zoneId in Gen.OneOf(zones)
        from startDay in Gen.Int[0, 400]
        from length in Gen.Int[0, 60]
        from assignments in GeneratedAssignment.Any(length).Array[1, 3]
        from pauses in GeneratedPause.Any(length).Array[0, 2]
        from completions in GeneratedCompletion.Any(length).Array[0, 60]
        from skips in GeneratedSkip.Any(length).Array[0, 6]
        from asOfDay in Gen.Int[-3, length + 5]
        from asOfMinute in Gen.Int[0, 1439]
        from hasRequestedFrom in Gen.Bool
        from requestedFromDay in Gen.Int[-3, length + 3]
        select new GeneratedPlan(
            zoneId,
            new LocalDate(2026, 1, 5).PlusDays(startDay),
            length,
            assignments,
            pauses,
            completions,
            skips,
            asOfDay,
            asOfMinute,
            hasRequestedFrom ? requestedFromDay : null);

    public (AdherencePlan Plan, List<CompletionFact> Completions, List<SkipFact> Skips, Instant AsOf, LocalDate? RequestedFrom) Build(int shiftDays)
    {
        var zone = DateTimeZoneProviders.Tzdb[ZoneId];
        var start = StartDate.PlusDays(shiftDays);
        Instant Local(int day, int minute) => zone.AtLeniently(start.PlusDays(day).At(LocalTime.FromMinutesSinceMidnight(minute))).ToInstant();

        var assignments = Assignments.Select((a, index) => new AdherenceAssignment(
            Id(1, index),
            $"exercise-{index}",
            $"Exercise {index}",
            a.Kind switch
            {
                0 => Schedule.Daily(a.Times, Enumerable.Range(1, 7).Where(d => (a.WeekdayMask & (1 << d)) != 0).Select(d => (IsoDayOfWeek)d)),
                1 => Schedule.Weekly(a.Times),
                _ => Schedule.Once(start.PlusDays(a.DueDay)),
            },
            start.PlusDays(a.FirstDay),
            start.PlusDays(a.LastDay))).ToList();
        var pauses = Pauses.Select(p => new PlanPause(
            Local(p.Day, p.Minute),
            p.ResumeAfterMinutes is { } minutes ? Local(p.Day, p.Minute) + Duration.FromMinutes(minutes) : null)).ToList();
        var plan = new AdherencePlan(Id(2, 0), Id(3, 0), zone, start, start.PlusDays(LengthDays), assignments, pauses);

        var completions = Completions.Select((c, index) =>
        {
            var completedAt = Local(c.Day, c.Minute);
            return new CompletionFact(
                Id(4, index),
                assignments[c.AssignmentSlot % assignments.Count].AssignmentId,
                completedAt,
                completedAt + Duration.FromHours(c.ReceivedAfterHours),
                c.DurationMinutes,
                c.DistressBefore,
                c.DistressAfter,
                c.Helpfulness,
                c.Share ? $"Reflection {index}" : null,
                c.Share);
        }).ToList();
        var skips = Skips.Select(s => new SkipFact(
            assignments[s.AssignmentSlot % assignments.Count].AssignmentId,
            start.PlusDays(s.Day),
            (SkipReason)s.Reason)).ToList();

        return (plan, completions, skips, Local(AsOfDay, AsOfMinute), RequestedFromDay is { } from ? start.PlusDays(from) : null);
    }

    private static Guid Id(int kind, int index) => new($"{kind:D8}-0000-0000-0000-{index:D12}");
}

internal sealed record GeneratedAssignment(int Kind, int FirstDay, int LastDay, int Times, int WeekdayMask, int DueDay)
{
    public static Gen<GeneratedAssignment> Any(int planLength) =>
        from kind in Gen.Int[0, 2]
        from firstDay in Gen.Int[0, planLength]
        from lastDay in Gen.Int[firstDay, planLength]
        from times in Gen.Int[1, 3]
        from weekdayMask in Gen.Int[0, 255]
        from dueDay in Gen.Int[-5, planLength + 5]
        select new GeneratedAssignment(kind, firstDay, lastDay, times, weekdayMask, dueDay);
}

internal sealed record GeneratedPause(int Day, int Minute, int? ResumeAfterMinutes)
{
    public static Gen<GeneratedPause> Any(int planLength) =>
        from day in Gen.Int[-3, planLength + 3]
        from minute in Gen.Int[0, 1439]
        from resumes in Gen.Bool
        from resumeAfterMinutes in Gen.Int[0, 20 * 1440]
        select new GeneratedPause(day, minute, resumes ? resumeAfterMinutes : null);
}

internal sealed record GeneratedCompletion(
    int AssignmentSlot,
    int Day,
    int Minute,
    int ReceivedAfterHours,
    int? DurationMinutes,
    int? DistressBefore,
    int? DistressAfter,
    int? Helpfulness,
    bool Share)
{
    public static Gen<GeneratedCompletion> Any(int planLength) =>
        from slot in Gen.Int[0, 2]
        from day in Gen.Int[-5, planLength + 6]
        from minute in Gen.Int[0, 1439]
        from receivedAfterHours in Gen.Int[0, 48]
        from duration in Gen.Int[-5, 30]
        from distressBefore in Gen.Int[-3, 10]
        from distressAfter in Gen.Int[-3, 10]
        from helpfulness in Gen.Int[-3, 10]
        from share in Gen.Bool
        select new GeneratedCompletion(
            slot,
            day,
            minute,
            receivedAfterHours,
            duration < 0 ? null : duration,
            distressBefore < 0 ? null : distressBefore,
            distressAfter < 0 ? null : distressAfter,
            helpfulness < 0 ? null : helpfulness,
            share);
}

internal sealed record GeneratedSkip(int AssignmentSlot, int Day, int Reason)
{
    public static Gen<GeneratedSkip> Any(int planLength) =>
        from slot in Gen.Int[0, 2]
        from day in Gen.Int[-3, planLength + 3]
        from reason in Gen.Int[0, 5]
        select new GeneratedSkip(slot, day, reason);
}
