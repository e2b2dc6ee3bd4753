using Clinic.Domain.Alerts;
using Clinic.Domain.Completions;
using Clinic.Domain.Measures;
using Clinic.Domain.Tests.Plans;
using NodaTime;

namespace Clinic.Domain.Tests.Alerts;

/// <summary>The three rules that open a safety alert, at their boundaries.</summary>
public sealed class SafetyRulesTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    public void A_PHQ9_fires_when_item_9_is_above_0(int item9, bool fires)
    {
        var response = Response(Instruments.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, item9]);

        var trigger = SafetyRules.For(response);

        Assert.Equal(fires, trigger is not null);
        if (trigger is not null)
        {
            Assert.Equal((AlertCause.Phq9Item9, AlertSourceType.MeasureResponse, response.Id, item9), (trigger.Cause, trigger.SourceType, trigger.SourceId, trigger.Value));
        }
    }

    [Fact]
    public void Other_measures_never_fire_whatever_their_answers()
    {
        Assert.Null(SafetyRules.For(Response(Instruments.Gad7, [3, 3, 3, 3, 3, 3, 3])));
        Assert.Null(SafetyRules.For(Response(Instruments.ScsSf, [5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5])));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(10, true)]
    public void A_completion_fires_when_distress_after_is_9_or_10(int? distressAfter, bool fires)
    {
        var completion = Completion(distressAfter);

        var trigger = SafetyRules.For(completion);

        Assert.Equal(fires, trigger is not null);
        Assert.Equal(fires ? AlertCause.HighDistressAfterPractice : null, trigger?.Cause);
    }

    [Fact]
    public void A_voided_completion_does_not_fire()
    {
        var completion = Completion(10);

        completion.Void(PlanBuilder.Now);

        Assert.Null(SafetyRules.For(completion));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(6, true)]
    [InlineData(-6, true)]
    [InlineData(7, false)]
    [InlineData(-7, false)]
    public void A_too_distressing_skip_fires_with_another_at_most_6_days_away(int daysToOther, bool fires)
    {
        var skip = Skip(SkipReason.TooDistressing, new LocalDate(2026, 3, 8));

        var trigger = SafetyRules.For(skip, [skip.Date.PlusDays(daysToOther)]);

        Assert.Equal(fires, trigger is not null);
        Assert.Equal(fires ? 2 : null, trigger?.Value);
    }

    [Fact]
    public void A_skip_for_another_reason_never_fires_and_the_value_counts_the_distressing_skips()
    {
        var other = Skip(SkipReason.NoTime, new LocalDate(2026, 3, 8));
        var distressing = Skip(SkipReason.TooDistressing, new LocalDate(2026, 3, 8));

        Assert.Null(SafetyRules.For(other, [new LocalDate(2026, 3, 7)]));
        Assert.Equal(3, SafetyRules.For(distressing, [new LocalDate(2026, 3, 3), new LocalDate(2026, 3, 13), new LocalDate(2026, 3, 15)])!.Value);
        Assert.Equal((new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 14)), SafetyRules.SkipWindowAround(new LocalDate(2026, 3, 8)));
    }

    private static MeasureResponse Response(Instrument instrument, int[] answers) =>
        MeasureResponse.Record(PlanBuilder.Client(), instrument, answers, PlanBuilder.Now, MeasureSource.Client, "client", PlanBuilder.Now);

    private static Completion Completion(int? distressAfter)
    {
        var plan = PlanBuilder.Active();
        return Clinic.Domain.Completions.Completion.Record(
            plan, plan.Assignments.Single(), NewYork, PlanBuilder.Now - Duration.FromHours(1), null, 9, distressAfter, null, null, false, PlanBuilder.Now);
    }

    private static SkipReport Skip(SkipReason reason, LocalDate date)
    {
        var plan = PlanBuilder.Active();
        return SkipReport.Report(plan, plan.Assignments.Single(), NewYork, date, reason, null, false, PlanBuilder.Now);
    }
}
