using Clinic.Domain.Adherence;
using NodaTime;
using NodaTime.Text;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Worked example", number by number.</summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public void Worked_example_from_the_definitions_matches_exactly()
    {
        var scenario = new AdherenceScenario("America/New_York", D(2026, 3, 2), D(2026, 3, 15));
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 2));
        scenario.Complete(breathing, D(2026, 3, 3));
        scenario.Complete(breathing, D(2026, 3, 3), new LocalTime(20, 0));
        scenario.Complete(breathing, D(2026, 3, 5));
        scenario.Complete(breathing, D(2026, 3, 6));
        scenario.Complete(breathing, D(2026, 3, 7));
        scenario.Complete(breathing, D(2026, 3, 8));
        scenario.Complete(breathing, D(2026, 3, 9));
        var lateEvening = InstantPattern.ExtendedIso.Parse("2026-03-10T02:30:00Z").Value;
        scenario.CompleteAt(breathing, lateEvening);

        var summary = scenario.SummaryAt(InstantPattern.ExtendedIso.Parse("2026-03-10T12:00:00Z").Value);

        Assert.Equal("America/New_York", summary.TimeZone);
        Assert.Equal("2026-12", summary.DefinitionsVersion);
        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 3, 9), 8), summary.Window);
        Assert.Equal(8, summary.Expected);
        Assert.Equal(7, summary.Credited);
        Assert.Equal(2, summary.Extra);
        Assert.Equal(0.875, summary.AdherenceRate);
        Assert.Equal(8, summary.DueDays);
        Assert.Equal(7, summary.PracticedDueDays);
        Assert.Equal(0.875, summary.Pdc);
        Assert.Equal(5, summary.CurrentStreak);
        Assert.Equal(5, summary.LongestStreak);
        Assert.Null(summary.Trend);
        Assert.Empty(summary.Flags);
        Assert.Equal(lateEvening, summary.LastCompletedAt);
        Assert.Equal(1, summary.DaysSinceLastCompletion);
        Assert.Equal(9, summary.Quality.Completions);

        var assignment = Assert.Single(summary.Assignments);
        Assert.Equal((8, 7, 2, 0.875), (assignment.Expected, assignment.Credited, assignment.Extra, assignment.AdherenceRate));
        Assert.Null(assignment.OnTime);
        Assert.Equal(new TodayProgress(breathing.AssignmentId, 1, 0), Assert.Single(summary.Today));
    }
}
