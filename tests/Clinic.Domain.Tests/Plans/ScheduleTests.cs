using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Tests.Plans;

public sealed class ScheduleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Daily_takes_1_to_6_times_per_day(int times)
    {
        var schedule = Schedule.Daily(times);

        Assert.Equal((ScheduleKind.Daily, times), (schedule.Kind, schedule.TimesPerDay));
        Assert.Empty(schedule.DaysOfWeek);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7)]
    public void Daily_refuses_other_counts(int times)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Daily(times));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(14)]
    public void Weekly_takes_1_to_14_times_per_week(int times)
    {
        var schedule = Schedule.Weekly(times);

        Assert.Equal((ScheduleKind.Weekly, times), (schedule.Kind, schedule.TimesPerWeek));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void Weekly_refuses_other_counts(int times)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Weekly(times));
    }

    [Fact]
    public void Daily_on_some_weekdays_falls_only_on_those()
    {
        var schedule = Schedule.Daily(1, [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday]);

        Assert.True(schedule.FallsOnWeekday(new LocalDate(2026, 3, 9)));
        Assert.True(schedule.FallsOnWeekday(new LocalDate(2026, 3, 12)));
        Assert.False(schedule.FallsOnWeekday(new LocalDate(2026, 3, 10)));
    }

    [Fact]
    public void Daily_refuses_a_day_that_is_not_a_weekday()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Daily(1, [IsoDayOfWeek.None]));
    }

    [Fact]
    public void Weekdays_survive_the_storage_mask()
    {
        var days = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday };
        var schedule = Schedule.Daily(2, days);

        var restored = Schedule.Daily(2, Schedule.DaysFromMask(schedule.DaysOfWeekMask));

        Assert.Equal(schedule, restored);
        Assert.Equal(days.ToHashSet(), restored.DaysOfWeek.ToHashSet());
    }

    [Fact]
    public void Once_keeps_its_due_date()
    {
        var schedule = Schedule.Once(new LocalDate(2026, 3, 12));

        Assert.Equal((ScheduleKind.Once, (LocalDate?)new LocalDate(2026, 3, 12)), (schedule.Kind, schedule.DueDate));
    }
}
