using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Tests.Plans;

public sealed class TimesOfDayTests
{
    private static readonly LocalTime Eight = new(8, 0);
    private static readonly LocalTime Noon = new(12, 0);
    private static readonly LocalTime Eight_pm = new(20, 0);

    [Fact]
    public void Times_of_day_are_kept_in_order_whatever_order_they_came_in()
    {
        var schedule = Schedule.Daily(1).WithTimesOfDay([Eight_pm, Eight, Noon]);

        Assert.Equal([Eight, Noon, Eight_pm], schedule.TimesOfDay);
    }

    [Fact]
    public void A_schedule_without_times_of_day_has_an_empty_list()
    {
        Assert.Empty(Schedule.Weekly(2).TimesOfDay);
        Assert.Empty(Schedule.Once(new LocalDate(2026, 3, 12)).TimesOfDay);
    }

    [Fact]
    public void Times_of_day_are_part_of_the_schedule_value_but_not_of_what_is_due()
    {
        var morning = Schedule.Daily(2).WithTimesOfDay([Eight]);
        var evening = Schedule.Daily(2).WithTimesOfDay([Eight_pm]);

        Assert.NotEqual(morning, evening);
        Assert.Equal(morning, Schedule.Daily(2).WithTimesOfDay([Eight]));
        Assert.True(morning.DueAlike(evening));
        Assert.False(morning.DueAlike(Schedule.Daily(1).WithTimesOfDay([Eight])));
    }

    [Theory]
    [InlineData(6, null)]
    [InlineData(7, "at most 6")]
    public void At_most_six_times_of_day(int count, string? problem)
    {
        var times = Enumerable.Range(0, count).Select(h => new LocalTime(8 + h, 0)).ToList();

        Assert.Equal(problem is null, Schedule.TimesOfDayProblem(times) is null);
        if (problem is not null)
        {
            Assert.Contains(problem, Schedule.TimesOfDayProblem(times), StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => Schedule.Daily(1).WithTimesOfDay(times));
        }
    }

    [Fact]
    public void A_time_of_day_may_not_repeat_nor_carry_seconds()
    {
        Assert.NotNull(Schedule.TimesOfDayProblem([Eight, Eight]));
        Assert.NotNull(Schedule.TimesOfDayProblem([new LocalTime(8, 0, 30)]));
        Assert.Throws<ArgumentException>(() => Schedule.Weekly(1).WithTimesOfDay([Noon, Noon]));
    }

    [Fact]
    public void Changing_reminder_times_keeps_what_is_due_and_moves_the_plan_version()
    {
        var plan = PlanBuilder.Active();
        var assignment = plan.Assignments.Single();
        var before = (assignment.Schedule, plan.Version);

        plan.ChangeReminderTimes(assignment.Id, [Eight_pm, Eight]);

        Assert.Equal([Eight, Eight_pm], assignment.Schedule.TimesOfDay);
        Assert.True(assignment.Schedule.DueAlike(before.Schedule));
        Assert.Equal(before.Version + 1, plan.Version);
    }
}
