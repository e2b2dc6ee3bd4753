using Clinic.Domain.Adherence;
using Clinic.Domain.Plans;
using CsCheck;
using NodaTime;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>
/// An as-needed assignment (ADHERENCE.md, "As-needed practice") is never expected: its uses are counted on its own
/// row and in no figure of definitions 2026-11.
/// </summary>
public sealed class AsNeededTests
{
    [Fact]
    public void Uses_are_counted_on_the_assignments_row_and_nowhere_else()
    {
        var scenario = new AdherenceScenario("America/New_York", D(2026, 3, 2), D(2026, 3, 15));
        var daily = scenario.Daily(1);
        var asNeeded = scenario.AsNeeded();
        scenario.CompleteEveryDay(daily, D(2026, 3, 2), D(2026, 3, 5));
        scenario.Complete(asNeeded, D(2026, 3, 6), new LocalTime(3, 0), c => c with { DistressBefore = 9, DistressAfter = 9, Reflection = "shared", ShareWithTherapist = true });
        scenario.Complete(asNeeded, D(2026, 3, 8), new LocalTime(23, 0));
        scenario.Complete(asNeeded, D(2026, 3, 10), new LocalTime(9, 0));

        var summary = scenario.SummaryOn(D(2026, 3, 10));

        Assert.Equal((8, 4, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal((8, 4, 0.5), (summary.DueDays, summary.PracticedDueDays, summary.Pdc));
        Assert.Equal(0, summary.CurrentStreak);
        Assert.Equal(4, summary.Quality.Completions);
        Assert.Null(summary.Quality.MeanDistressAfter);
        Assert.Empty(summary.ReflectionsShared);
        Assert.Equal(scenario.Local(D(2026, 3, 5), new LocalTime(9, 0)), summary.LastCompletedAt);
        Assert.Equal([AdherenceFlags.Inactive], summary.Flags);
        Assert.DoesNotContain(summary.Today, t => t.AssignmentId == asNeeded.AssignmentId);

        var row = summary.Assignments.Single(a => a.AssignmentId == asNeeded.AssignmentId);
        Assert.Equal((0, 0, 0, (double?)null, 2), (row.Expected, row.Credited, row.Extra, row.AdherenceRate, row.Uses));
        Assert.Equal(scenario.Local(D(2026, 3, 10), new LocalTime(9, 0)), row.LastCompletedAt);
        Assert.Null(summary.Assignments.Single(a => a.AssignmentId == daily.AssignmentId).Uses);
    }

    [Fact]
    public void Adding_an_as_needed_assignment_and_any_uses_of_it_changes_no_2026_11_figure() =>
        Gen.Select(GeneratedPlan.Any(["America/New_York", "Asia/Kolkata"]), Gen.Int[0, 60].Array[0, 20], Gen.Int[0, 10].Array[20]).Sample((generated, days, ratings) =>
        {
            var (plan, completions, skips, asOf, requestedFrom) = generated.Build(shiftDays: 0);
            var asNeeded = new AdherenceAssignment(Guid.NewGuid(), "soothing-touch", "Soothing Touch", Schedule.AsNeeded(), plan.StartDate, plan.EndDate);
            var withAsNeeded = plan with { Assignments = [.. plan.Assignments, asNeeded] };
            var uses = days.Select((day, i) =>
            {
                var at = plan.TimeZone.AtLeniently(plan.StartDate.PlusDays(day).At(new LocalTime(3, 0))).ToInstant();
                return new CompletionFact(Guid.NewGuid(), asNeeded.AssignmentId, at, at, 5, ratings[i], 10 - ratings[i], 5, "Shared", true);
            });

            var before = AdherenceCalculator.Calculate(plan, completions, skips, asOf, requestedFrom);
            var after = AdherenceCalculator.Calculate(withAsNeeded, [.. completions, .. uses], skips, asOf, requestedFrom);

            var scheduledRows = after with { Assignments = [.. after.Assignments.Where(a => a.Schedule.IsScheduled)] };
            Assert.Equal(AdherenceCalculatorProperties.Describe(before, plan.StartDate, asOf), AdherenceCalculatorProperties.Describe(scheduledRows, plan.StartDate, asOf));
        }, iter: 500);
}
