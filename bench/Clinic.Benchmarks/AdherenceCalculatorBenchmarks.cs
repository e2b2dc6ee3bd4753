using BenchmarkDotNet.Attributes;
using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Benchmarks;

/// <summary>
/// The adherence calculator on a plan with three assignments (daily x1, daily x2 on weekdays, weekly x3) at
/// about 70 % adherence, over a year and over a month of data. Inputs are built once, outside the timing.
/// </summary>
[MemoryDiagnoser]
public class AdherenceCalculatorBenchmarks
{
    private const double Adherence = 0.7;
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    private AdherencePlan plan = null!;
    private List<CompletionFact> completions = null!;
    private List<SkipFact> skips = null!;
    private Instant asOf;

    [Params(30, 365)]
    public int Days { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new LocalDate(2025, 3, 10);
        var end = start.PlusDays(Days - 1);
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var assignments = new List<AdherenceAssignment>
        {
            new(Guid.NewGuid(), "self-compassion-break", "Self-Compassion Break", Schedule.Daily(1), start, end),
            new(Guid.NewGuid(), "affectionate-breathing", "Affectionate Breathing", Schedule.Daily(2, weekdays), start, end),
            new(Guid.NewGuid(), "self-compassion-journal", "Self-Compassion Journal", Schedule.Weekly(3), start, end),
        };
        plan = new AdherencePlan(Guid.NewGuid(), Guid.NewGuid(), Zone, start, end, assignments, []);
        asOf = Zone.AtStartOfDay(end.PlusDays(1)).ToInstant() + Duration.FromHours(12);

        var random = new Random(20261126);
        completions = [];
        skips = [];
        for (var date = start; date <= end; date = date.PlusDays(1))
        {
            AddAttempts(random, assignments[0], date, 1);
            if (weekdays.Contains(date.DayOfWeek))
            {
                AddAttempts(random, assignments[1], date, 2);
            }

            // Three journal entries a week, spread over Monday, Wednesday and Friday.
            if (date.DayOfWeek is IsoDayOfWeek.Monday or IsoDayOfWeek.Wednesday or IsoDayOfWeek.Friday)
            {
                AddAttempts(random, assignments[2], date, 1);
            }
        }
    }

    [Benchmark]
    public AdherenceSummary Calculate() => AdherenceCalculator.Calculate(plan, completions, skips, asOf);

    private void AddAttempts(Random random, AdherenceAssignment assignment, LocalDate date, int times)
    {
        for (var attempt = 0; attempt < times; attempt++)
        {
            if (random.NextDouble() >= Adherence)
            {
                skips.Add(new SkipFact(assignment.AssignmentId, date, (SkipReason)random.Next(6)));
                continue;
            }

            var completedAt = Zone.AtStartOfDay(date).ToInstant() + Duration.FromHours(8 + (4 * attempt)) + Duration.FromMinutes(random.Next(120));
            var shared = random.NextDouble() < 0.1;
            completions.Add(new CompletionFact(
                Guid.NewGuid(),
                assignment.AssignmentId,
                completedAt,
                completedAt + Duration.FromMinutes(random.Next(1, 60)),
                DurationMinutes: random.Next(5, 30),
                DistressBefore: random.Next(3, 9),
                DistressAfter: random.Next(1, 7),
                Helpfulness: random.Next(4, 11),
                Reflection: shared ? "Noticed the critic and answered it kindly." : null,
                ShareWithTherapist: shared));
        }
    }
}
