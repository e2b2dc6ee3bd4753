using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using NodaTime;
using static Clinic.Domain.Tests.Plans.PlanBuilder;

namespace Clinic.Domain.Tests.Plans;

public sealed class PlanDateRuleTests
{
    [Fact]
    public void A_plan_may_last_exactly_180_days()
    {
        var plan = Draft(Start, Start.PlusDays(179));

        Assert.Equal(Start.PlusDays(179), plan.EndDate);
    }

    [Fact]
    public void A_plan_of_181_days_is_refused_naming_endDate()
    {
        var broken = Assert.Throws<DomainException>(() => Draft(Start, Start.PlusDays(180)));

        Assert.Equal(("plan_too_long", "endDate"), (broken.Rule, broken.Field));
    }

    [Fact]
    public void A_plan_ending_before_it_starts_is_refused()
    {
        var broken = Assert.Throws<DomainException>(() => Draft(Start, Start.PlusDays(-1)));

        Assert.Equal(("plan_dates", "endDate"), (broken.Rule, broken.Field));
    }

    [Fact]
    public void Rescheduling_beyond_180_days_is_refused()
    {
        var plan = DraftWithAssignment();

        var broken = Assert.Throws<DomainException>(() => plan.Reschedule(Start, Start.PlusDays(180)));

        Assert.Equal("plan_too_long", broken.Rule);
        Assert.Equal(End, plan.EndDate);
    }

    [Fact]
    public void An_assignment_may_narrow_the_plans_dates()
    {
        var plan = Draft();

        var assignment = plan.AddAssignment(Breathing, Schedule.Daily(1), new LocalDate(2026, 3, 5), new LocalDate(2026, 3, 9), null);

        Assert.Equal((new LocalDate(2026, 3, 5), new LocalDate(2026, 3, 9)), (assignment.EffectiveStart(plan), assignment.EffectiveEnd(plan)));
        Assert.False(assignment.Covers(plan, new LocalDate(2026, 3, 4)));
        Assert.True(assignment.Covers(plan, new LocalDate(2026, 3, 9)));
    }

    [Fact]
    public void An_assignment_starting_before_the_plan_is_refused_naming_startDate()
    {
        var plan = Draft();

        var broken = Assert.Throws<DomainException>(() => plan.AddAssignment(Breathing, Schedule.Daily(1), Start.PlusDays(-1), null, null));

        Assert.Equal(("assignment_outside_plan", "startDate"), (broken.Rule, broken.Field));
        Assert.Empty(plan.Assignments);
    }

    [Fact]
    public void An_assignment_ending_after_the_plan_is_refused_naming_endDate()
    {
        var plan = Draft();

        var broken = Assert.Throws<DomainException>(() => plan.AddAssignment(Breathing, Schedule.Daily(1), null, End.PlusDays(1), null));

        Assert.Equal(("assignment_outside_plan", "endDate"), (broken.Rule, broken.Field));
    }

    [Fact]
    public void An_assignment_ending_before_it_starts_is_refused()
    {
        var plan = Draft();

        var broken = Assert.Throws<DomainException>(() => plan.AddAssignment(Breathing, Schedule.Daily(1), new LocalDate(2026, 3, 9), new LocalDate(2026, 3, 5), null));

        Assert.Equal("assignment_dates", broken.Rule);
    }

    [Fact]
    public void Shortening_the_plan_past_an_assignments_own_end_is_refused()
    {
        var plan = Draft();
        plan.AddAssignment(Breathing, Schedule.Daily(1), null, new LocalDate(2026, 3, 14), null);

        var broken = Assert.Throws<DomainException>(() => plan.Reschedule(Start, new LocalDate(2026, 3, 10)));

        Assert.Equal("assignment_outside_plan", broken.Rule);
    }

    [Theory]
    [InlineData(2026, 3, 5, true)]
    [InlineData(2026, 3, 9, true)]
    [InlineData(2026, 3, 4, false)]
    [InlineData(2026, 3, 10, false)]
    public void A_once_due_date_must_lie_inside_the_assignments_dates(int year, int month, int day, bool inside)
    {
        var plan = Draft();
        var due = new LocalDate(year, month, day);

        var add = () => plan.AddAssignment(Breathing, Schedule.Once(due), new LocalDate(2026, 3, 5), new LocalDate(2026, 3, 9), null);

        if (inside)
        {
            Assert.Equal(due, add().Schedule.DueDate);
        }
        else
        {
            var broken = Assert.Throws<DomainException>(() => add());
            Assert.Equal(("due_date_outside", "schedule.dueDate"), (broken.Rule, broken.Field));
        }
    }

    [Fact]
    public void Narrowing_an_assignment_past_its_once_due_date_is_refused()
    {
        var plan = Draft();
        var assignment = plan.AddAssignment(Breathing, Schedule.Once(new LocalDate(2026, 3, 12)), null, null, null);

        var broken = Assert.Throws<DomainException>(() => plan.ChangeAssignment(assignment.Id, null, new LocalDate(2026, 3, 11), null));

        Assert.Equal("due_date_outside", broken.Rule);
    }

    [Fact]
    public void A_plan_has_at_most_20_assignments()
    {
        var plan = Draft();
        for (var i = 0; i < HomeworkPlan.MaxAssignments; i++)
        {
            plan.AddAssignment(Breathing, Schedule.Daily(1), null, null, null);
        }

        var broken = Assert.Throws<DomainException>(() => plan.AddAssignment(Breathing, Schedule.Daily(1), null, null, null));

        Assert.Equal("too_many_assignments", broken.Rule);
        Assert.Equal(HomeworkPlan.MaxAssignments, plan.Assignments.Count);
    }
}
