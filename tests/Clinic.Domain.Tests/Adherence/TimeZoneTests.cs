using Clinic.Domain.Adherence;
using NodaTime;
using NodaTime.Text;
using static Clinic.Domain.Tests.Adherence.Dates;

namespace Clinic.Domain.Tests.Adherence;

/// <summary>ADHERENCE.md, "Time": every calendar rule runs on local dates in the client's zone, never on UTC days.</summary>
public sealed class TimeZoneTests
{
    [Fact]
    public void A_23_hour_spring_forward_day_in_New_York_is_one_day_and_23_30_lands_on_it()
    {
        var scenario = new AdherenceScenario("America/New_York", D(2026, 3, 6), D(2026, 3, 20));
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 6));
        scenario.Complete(breathing, D(2026, 3, 7));
        scenario.CompleteAt(breathing, Utc("2026-03-09T03:30:00Z"));

        var summary = scenario.SummaryOn(D(2026, 3, 9));

        Assert.Equal(new SummaryWindow(D(2026, 3, 6), D(2026, 3, 8), 3), summary.Window);
        Assert.Equal((3, 3, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal(3, summary.CurrentStreak);
    }

    [Fact]
    public void A_25_hour_fall_back_day_in_New_York_is_one_day_holding_both_01_30s_and_23_30()
    {
        var scenario = new AdherenceScenario("America/New_York", D(2026, 10, 31), D(2026, 11, 10));
        var breathing = scenario.Daily(timesPerDay: 2);
        scenario.CompleteAt(breathing, Utc("2026-11-01T05:30:00Z"));
        scenario.CompleteAt(breathing, Utc("2026-11-01T06:30:00Z"));
        scenario.CompleteAt(breathing, Utc("2026-11-02T04:30:00Z"));

        var summary = scenario.SummaryOn(D(2026, 11, 2));

        Assert.Equal(new SummaryWindow(D(2026, 10, 31), D(2026, 11, 1), 2), summary.Window);
        Assert.Equal((4, 2, 1), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal(1, summary.CurrentStreak);
    }

    [Fact]
    public void In_London_after_spring_forward_00_30_local_is_the_next_date_though_still_the_previous_UTC_day()
    {
        var scenario = new AdherenceScenario("Europe/London", D(2026, 3, 28), D(2026, 4, 10));
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteAt(breathing, Utc("2026-03-28T23:30:00Z"));
        scenario.CompleteAt(breathing, Utc("2026-03-29T22:30:00Z"));
        scenario.CompleteAt(breathing, Utc("2026-03-29T23:30:00Z"));

        var summary = scenario.SummaryOn(D(2026, 3, 31));

        Assert.Equal((3, 3, 0), (summary.Expected, summary.Credited, summary.Extra));
    }

    [Fact]
    public void In_London_the_25_hour_fall_back_day_is_one_day()
    {
        var scenario = new AdherenceScenario("Europe/London", D(2026, 10, 24), D(2026, 11, 10));
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.CompleteAt(breathing, Utc("2026-10-24T08:00:00Z"));

        // 00:30 BST on 10-25 is 23:30 UTC on 10-24; 23:30 GMT on 10-25 is 23:30 UTC on 10-25.
        scenario.CompleteAt(breathing, Utc("2026-10-24T23:30:00Z"));
        scenario.CompleteAt(breathing, Utc("2026-10-25T23:30:00Z"));

        var summary = scenario.SummaryOn(D(2026, 10, 26));

        Assert.Equal(new SummaryWindow(D(2026, 10, 24), D(2026, 10, 25), 2), summary.Window);
        Assert.Equal((2, 2, 1), (summary.Expected, summary.Credited, summary.Extra));
    }

    [Fact]
    public void In_Auckland_a_UTC_instant_late_on_one_day_is_already_the_next_local_date()
    {
        var scenario = new AdherenceScenario("Pacific/Auckland", D(2026, 3, 2), D(2026, 3, 15));
        var breathing = scenario.Daily(timesPerDay: 1);

        // 11:30 UTC on 03-02 is 00:30 NZDT on 03-03.
        scenario.CompleteAt(breathing, Utc("2026-03-02T11:30:00Z"));

        // 12:00 UTC on 03-03 is 01:00 on 03-04 in Auckland, so today is 03-04.
        var summary = scenario.SummaryAt(Utc("2026-03-03T12:00:00Z"));

        Assert.Equal(new SummaryWindow(D(2026, 3, 2), D(2026, 3, 3), 2), summary.Window);
        Assert.Equal((2, 1), (summary.Expected, summary.Credited));
        Assert.Equal(1, summary.CurrentStreak);
        Assert.Equal(1, summary.DaysSinceLastCompletion);
    }

    [Fact]
    public void In_Kolkata_a_UTC_instant_in_the_evening_is_already_the_next_local_date()
    {
        var scenario = new AdherenceScenario("Asia/Kolkata", D(2026, 3, 2), D(2026, 3, 15));
        var breathing = scenario.Daily(timesPerDay: 1);

        // 18:45 UTC on 03-02 is 00:15 IST on 03-03.
        scenario.CompleteAt(breathing, Utc("2026-03-02T18:45:00Z"));

        var summary = scenario.SummaryOn(D(2026, 3, 4));

        Assert.Equal("Asia/Kolkata", summary.TimeZone);
        Assert.Equal((2, 1), (summary.Expected, summary.Credited));
        Assert.Equal(1, summary.CurrentStreak);
        Assert.Equal(1, summary.LongestStreak);
    }

    [Fact]
    public void One_second_before_local_midnight_is_that_date_and_midnight_is_the_next()
    {
        var scenario = new AdherenceScenario("America/New_York", D(2026, 3, 2), D(2026, 3, 15));
        var breathing = scenario.Daily(timesPerDay: 1);
        scenario.Complete(breathing, D(2026, 3, 3), new LocalTime(23, 59, 59));
        scenario.Complete(breathing, D(2026, 3, 4), LocalTime.Midnight);

        var summary = scenario.SummaryOn(D(2026, 3, 5));

        Assert.Equal((3, 2, 0), (summary.Expected, summary.Credited, summary.Extra));
        Assert.Equal((2, 2), (summary.CurrentStreak, summary.LongestStreak));
    }

    private static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).Value;
}
