using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using CsCheck;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md (2026-12), "Relief" and "Moments": what helped, from the completions a summary counts.</summary>
public sealed class ReliefTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void The_worked_example_gives_its_relief_and_moments()
    {
        var scenario = new AdherenceScenario("America/New_York", D(2026, 3, 2), D(2026, 3, 15));
        var daily = scenario.Daily(1);
        var asNeeded = scenario.AsNeeded();
        Rated(scenario, daily, D(2026, 3, 2), new(19, 0), 6, 4);
        Rated(scenario, daily, D(2026, 3, 3), new(19, 0), 5, 4);
        scenario.Complete(daily, D(2026, 3, 4), new(19, 0));
        Rated(scenario, daily, D(2026, 3, 5), new(19, 0), 7, 4);
        Rated(scenario, daily, D(2026, 3, 6), new(3, 10), 8, 5, CompletionContext.InTheMoment);
        Rated(scenario, asNeeded, D(2026, 3, 7), new(2, 30), 9, 6, CompletionContext.InTheMoment);
        Rated(scenario, asNeeded, D(2026, 3, 8), new(23, 15), 8, 7, CompletionContext.InTheMoment);
        scenario.Complete(asNeeded, D(2026, 3, 9), new(14, 0), c => c with { DistressBefore = 6, Context = CompletionContext.InTheMoment });
        Rated(scenario, asNeeded, D(2026, 3, 10), new(3, 0), 9, 3, CompletionContext.InTheMoment);

        var summary = scenario.SummaryAt(Instant.FromUtc(2026, 3, 10, 12, 0));

        Assert.Equal(
            [
                new ExerciseRelief(daily.ExerciseKey, 5, 4, 6.5, -2.25, 0.75),
                new ExerciseRelief(asNeeded.ExerciseKey, 3, 2, 23.0 / 3, -2, 0.5),
            ],
            summary.Relief);
        Assert.Equal(new MomentsSummary(4, 3, 7.75, -7.0 / 3), summary.Moments);
    }

    [Theory]
    [InlineData(21, 59, false)]
    [InlineData(22, 0, true)]
    [InlineData(0, 0, true)]
    [InlineData(5, 59, true)]
    [InlineData(6, 0, false)]
    public void Night_runs_from_22_00_to_06_00_local_time(int hour, int minute, bool night) =>
        Assert.Equal(night, ReliefRules.IsNight(new LocalTime(hour, minute)));

    [Fact]
    public void Night_is_judged_on_the_clients_clock_across_a_change_of_offset()
    {
        // 2026-03-08 in New York: 05:30Z is 00:30 EST (night); 10:30Z is 06:30 EDT (not night).
        var practices = new[]
        {
            Moment(Instant.FromUtc(2026, 3, 8, 5, 30)),
            Moment(Instant.FromUtc(2026, 3, 8, 10, 30)),
        };

        Assert.Equal(1, ReliefRules.Summarize(practices, NewYork).Moments.NightUses);
    }

    [Fact]
    public void Exercises_with_a_change_come_first_by_most_relief_then_by_uses_then_by_key()
    {
        var at = Instant.FromUtc(2026, 3, 8, 15, 0);
        ReliefFact Of(string key, int? before, int? after) => new(key, at, CompletionContext.Scheduled, before, after);

        var summary = ReliefRules.Summarize(
            [Of("unrated", 5, null), Of("unrated", 6, null), Of("b-small", 5, 4), Of("a-small", 5, 4), Of("a-small", 5, 4), Of("big", 8, 2)],
            NewYork);

        Assert.Equal(["big", "a-small", "b-small", "unrated"], summary.Relief.Select(r => r.ExerciseKey));
        Assert.Equal(new ExerciseRelief("unrated", 2, 0, 5.5, null, null), summary.Relief[3]);
    }

    [Fact]
    public void Uses_add_up_to_the_counted_completions_and_shares_stay_between_zero_and_one() =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[-1, 10], Gen.Int[-1, 10], Gen.Bool, Gen.Int[0, 1439]).Array[0, 40].Sample(generated =>
        {
            var practices = generated.Select(g => new ReliefFact(
                $"exercise-{g.Item1}",
                Instant.FromUtc(2026, 3, 1, 0, 0) + Duration.FromMinutes(g.Item5),
                g.Item4 ? CompletionContext.InTheMoment : CompletionContext.Scheduled,
                g.Item2 < 0 ? null : g.Item2,
                g.Item3 < 0 ? null : g.Item3)).ToList();

            var summary = ReliefRules.Summarize(practices, NewYork);

            Assert.Equal(practices.Count, summary.Relief.Sum(r => r.Uses));
            Assert.Equal(practices.Count(p => p.Context == CompletionContext.InTheMoment), summary.Moments.Uses);
            Assert.InRange(summary.Moments.NightUses, 0, summary.Moments.Uses);
            foreach (var relief in summary.Relief)
            {
                Assert.InRange(relief.RatedUses, 0, relief.Uses);
                Assert.Equal(relief.RatedUses == 0, relief.ShareWithDropOf2 is null);
                Assert.InRange(relief.ShareWithDropOf2 ?? 0, 0, 1);
                Assert.InRange(relief.MeanDistressChange ?? 0, -10, 10);
            }
        }, iter: 500);

    private static void Rated(AdherenceScenario scenario, AdherenceAssignment assignment, LocalDate date, LocalTime time, int before, int after, CompletionContext context = CompletionContext.Scheduled) =>
        scenario.Complete(assignment, date, time, c => c with { DistressBefore = before, DistressAfter = after, Context = context });

    private static ReliefFact Moment(Instant at) => new("soothing-touch", at, CompletionContext.InTheMoment, 8, 5);
}
