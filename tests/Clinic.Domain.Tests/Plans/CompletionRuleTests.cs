using Clinic.Domain.Common;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using NodaTime;
using static Clinic.Domain.Tests.Plans.PlanBuilder;

namespace Clinic.Domain.Tests.Plans;

public sealed class CompletionRuleTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void A_completion_up_to_five_minutes_ahead_is_accepted()
    {
        var completion = Record(Active(), Now + Duration.FromMinutes(5));

        Assert.Equal(Now + Duration.FromMinutes(5), completion.CompletedAt);
        Assert.Equal(Now, completion.ReceivedAt);
    }

    [Fact]
    public void A_completion_more_than_five_minutes_ahead_is_refused_naming_completedAt()
    {
        var broken = Assert.Throws<DomainException>(() => Record(Active(), Now + Duration.FromMinutes(5) + Duration.FromSeconds(1)));

        Assert.Equal(("completed_in_future", "completedAt"), (broken.Rule, broken.Field));
    }

    [Theory]
    [InlineData(2026, 3, 2, 4, 59)] // 23:59 EST on 03-01
    [InlineData(2026, 3, 16, 4, 0)] // 00:00 EDT on 03-16
    public void A_completion_outside_the_assignments_dates_is_refused_naming_completedAt(int year, int month, int day, int hour, int minute)
    {
        var plan = Active();

        var broken = Assert.Throws<DomainException>(() => Record(plan, Instant.FromUtc(year, month, day, hour, minute), now: Instant.FromUtc(2026, 3, 20, 0, 0)));

        Assert.Equal(("outside_assignment_dates", "completedAt"), (broken.Rule, broken.Field));
    }

    [Theory]
    [InlineData(2026, 3, 2, 5, 0)] // 00:00 EST on the first day
    [InlineData(2026, 3, 16, 3, 59)] // 23:59 EDT on the last day
    public void Completions_on_the_first_and_last_local_day_are_accepted(int year, int month, int day, int hour, int minute)
    {
        var completion = Record(Active(), Instant.FromUtc(year, month, day, hour, minute), now: Instant.FromUtc(2026, 3, 20, 0, 0));

        Assert.NotEqual(Guid.Empty, completion.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Ratings_of_0_to_10_are_kept(int rating)
    {
        var completion = Record(Active(), Now, rating: rating);

        Assert.Equal((rating, rating, rating), (completion.DistressBefore, completion.DistressAfter, completion.Helpfulness));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Ratings_outside_0_to_10_are_refused(int rating)
    {
        var broken = Assert.Throws<DomainException>(() => Record(Active(), Now, rating: rating));

        Assert.Equal("out_of_range", broken.Rule);
    }

    [Theory]
    [InlineData(PlanStatus.Draft)]
    [InlineData(PlanStatus.Cancelled)]
    public void Plans_not_accepting_practice_refuse_completions(PlanStatus status)
    {
        var broken = Assert.Throws<DomainException>(() => Record(In(status), Now));

        Assert.Equal("plan_not_accepting", broken.Rule);
    }

    [Fact]
    public void A_paused_plan_still_takes_a_completion()
    {
        Assert.NotEqual(Guid.Empty, Record(Paused(), Now).Id);
    }

    [Fact]
    public void A_skip_for_a_day_after_today_is_refused()
    {
        var plan = Active();

        var broken = Assert.Throws<DomainException>(() => SkipReport.Report(plan, plan.Assignments.Single(), NewYork, new LocalDate(2026, 3, 11), SkipReason.Forgot, null, false, Now));

        Assert.Equal(("skip_in_future", "date"), (broken.Rule, broken.Field));
    }

    private static Completion Record(HomeworkPlan plan, Instant completedAt, Instant? now = null, int? rating = null) =>
        Completion.Record(plan, plan.Assignments.Single(), NewYork, completedAt, 5, rating, rating, rating, null, false, now ?? Now);
}
