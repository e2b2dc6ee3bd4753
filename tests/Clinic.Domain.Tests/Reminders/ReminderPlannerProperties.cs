using Clinic.Domain.Adherence;
using Clinic.Domain.Plans;
using Clinic.Domain.Reminders;
using CsCheck;
using NodaTime;

namespace Clinic.Domain.Tests.Reminders;

/// <summary>What holds for every plan, reminder times, quiet hours and range, in zones with and without DST.</summary>
public sealed class ReminderPlannerProperties
{
    private static readonly string[] Zones = ["America/New_York", "Australia/Sydney", "Europe/London", "Asia/Kolkata", "America/Santiago", "Pacific/Chatham"];

    private static readonly Gen<LocalTime> Minute = Gen.Int[0, 1439].Select(m => LocalTime.Midnight.PlusMinutes(m));

    private static readonly Gen<Case> Cases =
        from zoneId in Gen.OneOf(Zones)
        from startDay in Gen.Int[0, 730]
        from length in Gen.Int[0, 40]
        from kind in Gen.Int[0, 2]
        from count in Gen.Int[1, 3]
        from times in Minute.HashSet[1, Schedule.MaxTimesOfDay]
        from hasQuiet in Gen.Bool
        from quietStart in Minute
        from quietLength in Gen.Int[1, 1439]
        from fromMinute in Gen.Int[-2 * 1440, 45 * 1440]
        from rangeMinutes in Gen.Int[1, 31 * 1440]
        from practiced in Gen.Int[0, 40 * 24].Array[0, 8]
        select new Case(zoneId, startDay, length, kind, count, [.. times], hasQuiet ? QuietHours.Create(quietStart, quietStart.PlusMinutes(quietLength)) : null, fromMinute, rangeMinutes, practiced);

    [Fact]
    public void Reminders_lie_in_the_range_in_order_outside_quiet_hours_at_their_local_time_and_never_twice() =>
        Cases.Sample(c =>
        {
            var (plan, practices, from, to) = c.Build();
            var zone = plan.TimeZone;

            var reminders = ReminderPlanner.Plan([plan], practices, [], c.Quiet, from, to, from);

            for (var i = 0; i < reminders.Count; i++)
            {
                var reminder = reminders[i];
                Assert.InRange(reminder.At, from, to - Duration.Epsilon);
                Assert.Equal(reminder.At.InZone(zone).TimeOfDay, reminder.LocalTime);
                Assert.False(c.Quiet?.Contains(reminder.LocalTime) == true);
                Assert.InRange(reminder.Date, plan.StartDate, plan.EndDate);
                if (i > 0)
                {
                    Assert.True(reminders[i - 1].At < reminder.At, "Reminders of one assignment come in strictly increasing instants.");
                }
            }
        }, iter: 2000);

    [Fact]
    public void A_daily_assignment_reminds_on_no_day_whose_count_is_already_met() =>
        Cases.Where(c => c.Kind == 0).Sample(c =>
        {
            var (plan, practices, from, to) = c.Build();
            var zone = plan.TimeZone;
            var doneByDay = practices.GroupBy(p => p.CompletedAt.InZone(zone).Date).ToDictionary(g => g.Key, g => g.Count());

            var reminders = ReminderPlanner.Plan([plan], practices, [], null, from, to, from);

            Assert.All(reminders, r => Assert.True(doneByDay.GetValueOrDefault(r.Date) < c.Count));
        }, iter: 1000);

    private sealed record Case(string ZoneId, int StartDay, int Length, int Kind, int Count, LocalTime[] Times, QuietHours? Quiet, int FromMinute, int RangeMinutes, int[] PracticedHours)
    {
        public (AdherencePlan Plan, PracticeLogged[] Practices, Instant From, Instant To) Build()
        {
            var zone = DateTimeZoneProviders.Tzdb[ZoneId];
            var start = new LocalDate(2025, 1, 1).PlusDays(StartDay);
            var end = start.PlusDays(Length);
            var schedule = (Kind switch
            {
                0 => Schedule.Daily(Count),
                1 => Schedule.Weekly(Count),
                _ => Schedule.Once(start.PlusDays(Length / 2)),
            }).WithTimesOfDay(Times);
            var assignmentId = Guid.NewGuid();
            var plan = new AdherencePlan(Guid.NewGuid(), Guid.NewGuid(), zone, start, end, [new AdherenceAssignment(assignmentId, "soothing-touch", "Soothing Touch", schedule, start, end)], []);
            var startOfPlan = zone.AtStartOfDay(start).ToInstant();
            var practices = PracticedHours.Select(h => new PracticeLogged(assignmentId, startOfPlan + Duration.FromHours(h))).ToArray();
            var from = startOfPlan + Duration.FromMinutes(FromMinute);
            return (plan, practices, from, from + Duration.FromMinutes(RangeMinutes));
        }
    }
}
