using Clinic.Domain.Adherence;
using Clinic.Domain.Plans;
using Clinic.Domain.Reminders;
using NodaTime;
using NodaTime.Text;

namespace Clinic.Domain.Tests.Reminders;

/// <summary>The reminder rules of ADR 0030, each on a plan built in the client's local time.</summary>
public sealed class ReminderPlannerTests
{
    private static readonly Guid PlanId = Guid.NewGuid();
    private static readonly Guid AssignmentId = Guid.NewGuid();

    [Fact]
    public void A_daily_assignment_reminds_at_each_time_of_each_due_day()
    {
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("08:00"), T("20:00")]));

        var reminders = Plan(plan, from: "2026-03-03T00:00:00-05:00", to: "2026-03-05T00:00:00-05:00");

        Assert.Equal(
            ["2026-03-03T13:00:00Z", "2026-03-04T01:00:00Z", "2026-03-04T13:00:00Z", "2026-03-05T01:00:00Z"],
            reminders.Select(r => Text(r.At)));
        Assert.All(reminders, r => Assert.Equal((PlanId, AssignmentId, "self-compassion-break"), (r.PlanId, r.AssignmentId, r.ExerciseKey)));
        Assert.Equal([new LocalDate(2026, 3, 3), new LocalDate(2026, 3, 3), new LocalDate(2026, 3, 4), new LocalDate(2026, 3, 4)], reminders.Select(r => r.Date));
    }

    [Fact]
    public void An_assignment_without_times_of_day_never_reminds()
    {
        var plan = Plan("America/New_York", Schedule.Daily(3));

        Assert.Empty(Plan(plan, "2026-03-02T00:00:00Z", "2026-03-15T00:00:00Z"));
    }

    [Fact]
    public void A_daily_assignment_reminds_only_on_its_weekdays_and_inside_its_dates()
    {
        // 2026-03-02 is a Monday; the plan ends on 03-15.
        var plan = Plan("Europe/Berlin", Schedule.Daily(1, [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday]).WithTimesOfDay([T("09:00")]));

        var reminders = Plan(plan, "2026-02-20T00:00:00Z", "2026-03-20T00:00:00Z");

        Assert.Equal(["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-12"], reminders.Select(r => LocalDatePattern.Iso.Format(r.Date)));
        Assert.All(reminders, r => Assert.Equal(T("09:00"), r.LocalTime));
    }

    [Fact]
    public void New_York_spring_forward_moves_a_time_that_does_not_exist_forward_by_the_gap()
    {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist; it fires at 03:30 EDT.
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("02:30")]));

        var reminders = Plan(plan, "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z");

        Assert.Equal(["2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z"], reminders.Select(r => Text(r.At)));
        Assert.Equal([T("03:30"), T("02:30")], reminders.Select(r => r.LocalTime));
    }

    [Fact]
    public void New_York_fall_back_fires_a_repeated_time_once_at_its_first_occurrence()
    {
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST, so 01:30 happens at 05:30Z and again at 06:30Z.
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("01:30")]), "2026-10-26", "2026-11-06");

        var reminders = Plan(plan, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z");

        Assert.Equal(["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"], reminders.Select(r => Text(r.At)));
    }

    [Fact]
    public void Sydney_autumn_fires_a_repeated_time_once_and_spring_moves_a_missing_one_forward()
    {
        // 2026-04-05: 03:00 AEDT falls back to 02:00 AEST (02:30 twice); 2026-10-04: 02:00 AEST jumps to 03:00 AEDT.
        var autumn = Plan("Australia/Sydney", Schedule.Daily(1).WithTimesOfDay([T("02:30")]), "2026-04-01", "2026-04-10");
        var spring = Plan("Australia/Sydney", Schedule.Daily(1).WithTimesOfDay([T("02:30")]), "2026-10-01", "2026-10-10");

        var april = Plan(autumn, "2026-04-04T00:00:00Z", "2026-04-05T12:00:00Z");
        var october = Plan(spring, "2026-10-03T00:00:00Z", "2026-10-04T12:00:00Z");

        Assert.Equal(["2026-04-04T15:30:00Z"], april.Select(r => Text(r.At)));
        Assert.Equal(["2026-10-03T16:30:00Z"], october.Select(r => Text(r.At)));
        Assert.Equal(T("03:30"), october.Single().LocalTime);
    }

    [Fact]
    public void Two_times_that_meet_in_one_instant_across_a_gap_fire_once()
    {
        // 02:00 does not exist on 2026-03-08 in New York and moves to 03:00, which is also a time of its own.
        var plan = Plan("America/New_York", Schedule.Daily(2).WithTimesOfDay([T("02:00"), T("03:00")]));

        var reminders = Plan(plan, "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00");

        Assert.Equal(["2026-03-08T07:00:00Z"], reminders.Select(r => Text(r.At)));
    }

    [Fact]
    public void Quiet_hours_across_midnight_drop_the_times_inside_them()
    {
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("06:30"), T("07:00"), T("21:30"), T("22:00"), T("23:30")]));
        var night = QuietHours.Create(T("22:00"), T("07:00"));

        var reminders = Plan(plan, "2026-03-03T00:00:00-05:00", "2026-03-04T00:00:00-05:00", quietHours: night);

        Assert.Equal([T("07:00"), T("21:30")], reminders.Select(r => r.LocalTime));
    }

    [Fact]
    public void Quiet_hours_judge_the_time_a_reminder_fires_at_after_a_gap()
    {
        // 02:30 does not exist on 2026-03-08 and fires at 03:30, inside quiet hours 03:00..06:00.
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("02:30")]));

        var reminders = Plan(plan, "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", quietHours: QuietHours.Create(T("03:00"), T("06:00")));

        Assert.Empty(reminders);
    }

    [Fact]
    public void A_daily_assignment_stops_reminding_for_the_day_once_its_count_is_met()
    {
        var plan = Plan("America/New_York", Schedule.Daily(2).WithTimesOfDay([T("08:00"), T("13:00"), T("20:00")]));
        PracticeLogged[] practices =
        [
            new(AssignmentId, Instant("2026-03-03T08:05:00-05:00")),
            new(AssignmentId, Instant("2026-03-04T08:05:00-05:00")),
            new(AssignmentId, Instant("2026-03-04T12:00:00-05:00")),
        ];

        var reminders = Plan(plan, "2026-03-03T00:00:00-05:00", "2026-03-05T00:00:00-05:00", practices);

        // 03-03: one of two done, all three still remind; 03-04: two of two done, none.
        Assert.Equal(3, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(new LocalDate(2026, 3, 3), r.Date));
    }

    [Fact]
    public void A_reported_skip_closes_the_day()
    {
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("20:00")]));

        var reminders = Plan(plan, "2026-03-03T00:00:00-05:00", "2026-03-05T00:00:00-05:00", skips: [new SkipLogged(AssignmentId, new LocalDate(2026, 3, 3))]);

        Assert.Equal([new LocalDate(2026, 3, 4)], reminders.Select(r => r.Date));
    }

    [Fact]
    public void A_weekly_assignment_reminds_every_day_of_a_period_until_its_count_is_met()
    {
        // Periods anchored on 03-02: 03-02..03-08 and 03-09..03-15. Asked on 03-05: one of two done, then two of two.
        var plan = Plan("America/New_York", Schedule.Weekly(2).WithTimesOfDay([T("19:00")]));
        PracticeLogged first = new(AssignmentId, Instant("2026-03-03T10:00:00-05:00"));
        PracticeLogged second = new(AssignmentId, Instant("2026-03-04T10:00:00-05:00"));

        var halfDone = Plan(plan, "2026-03-05T00:00:00-05:00", "2026-03-11T00:00:00-04:00", [first]);
        var done = Plan(plan, "2026-03-05T00:00:00-05:00", "2026-03-11T00:00:00-04:00", [first, second]);

        Assert.Equal(["2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"], halfDone.Select(r => LocalDatePattern.Iso.Format(r.Date)));
        Assert.Equal(["2026-03-09", "2026-03-10"], done.Select(r => LocalDatePattern.Iso.Format(r.Date)));
    }

    [Fact]
    public void A_once_assignment_reminds_on_its_due_date_until_it_is_done()
    {
        var plan = Plan("America/New_York", Schedule.Once(new LocalDate(2026, 3, 12)).WithTimesOfDay([T("09:00"), T("18:00")]));

        var open = Plan(plan, "2026-03-02T00:00:00Z", "2026-03-16T00:00:00Z");
        var done = Plan(plan, "2026-03-02T00:00:00Z", "2026-03-16T00:00:00Z", [new PracticeLogged(AssignmentId, Instant("2026-03-05T10:00:00-05:00"))]);

        Assert.Equal(["2026-03-12T13:00:00Z", "2026-03-12T22:00:00Z"], open.Select(r => Text(r.At)));
        Assert.Empty(done);
    }

    [Fact]
    public void A_plan_paused_now_reminds_no_more_and_a_resumed_pause_silences_only_its_days()
    {
        var schedule = Schedule.Daily(1).WithTimesOfDay([T("08:00"), T("20:00")]);
        var stillPaused = Plan("America/New_York", schedule, pauses: [new PlanPause(Instant("2026-03-04T12:00:00-05:00"), null)]);
        var resumed = Plan("America/New_York", schedule, pauses: [new PlanPause(Instant("2026-03-04T12:00:00-05:00"), Instant("2026-03-06T12:00:00-05:00"))]);

        var whilePaused = Plan(stillPaused, "2026-03-04T00:00:00-05:00", "2026-03-08T00:00:00-05:00", now: "2026-03-04T13:00:00-05:00");
        var afterResume = Plan(resumed, "2026-03-04T00:00:00-05:00", "2026-03-08T00:00:00-05:00", now: "2026-03-06T13:00:00-05:00");

        Assert.Empty(whilePaused);

        // 03-04 and 03-05 are paused days; on 03-06 the 08:00 reminder fell inside the pause, 20:00 after the resume.
        Assert.Equal(["2026-03-07T01:00:00Z", "2026-03-07T13:00:00Z", "2026-03-08T01:00:00Z"], afterResume.Select(r => Text(r.At)));
    }

    [Fact]
    public void Nothing_outside_the_range_and_the_end_of_the_range_is_excluded()
    {
        var plan = Plan("America/New_York", Schedule.Daily(1).WithTimesOfDay([T("08:00")]));

        var reminders = Plan(plan, "2026-03-03T08:00:00-05:00", "2026-03-04T08:00:00-05:00");

        Assert.Equal(["2026-03-03T13:00:00Z"], reminders.Select(r => Text(r.At)));
    }

    [Fact]
    public void Reminders_of_several_assignments_come_in_order_of_their_instants()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var morning = new AdherenceAssignment(Guid.NewGuid(), "affectionate-breathing", "Affectionate Breathing", Schedule.Daily(1).WithTimesOfDay([T("07:00"), T("21:00")]), new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 15));
        var noon = new AdherenceAssignment(Guid.NewGuid(), "soothing-touch", "Soothing Touch", Schedule.Daily(1).WithTimesOfDay([T("12:00")]), new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 15));
        var plan = new AdherencePlan(PlanId, Guid.NewGuid(), zone, new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 15), [morning, noon], []);

        var reminders = ReminderPlanner.Plan([plan], [], [], null, Instant("2026-03-03T00:00:00+05:30"), Instant("2026-03-04T00:00:00+05:30"), Instant("2026-03-03T00:00:00Z"));

        Assert.Equal(["affectionate-breathing", "soothing-touch", "affectionate-breathing"], reminders.Select(r => r.ExerciseKey));
    }

    private static AdherencePlan Plan(string zoneId, Schedule schedule, string start = "2026-03-02", string end = "2026-03-15", IReadOnlyList<PlanPause>? pauses = null)
    {
        var (startDate, endDate) = (LocalDatePattern.Iso.Parse(start).Value, LocalDatePattern.Iso.Parse(end).Value);
        var assignment = new AdherenceAssignment(AssignmentId, "self-compassion-break", "Self-Compassion Break", schedule, startDate, endDate);
        return new AdherencePlan(PlanId, Guid.NewGuid(), DateTimeZoneProviders.Tzdb[zoneId], startDate, endDate, [assignment], pauses ?? []);
    }

    private static IReadOnlyList<Reminder> Plan(
        AdherencePlan plan,
        string from,
        string to,
        IReadOnlyCollection<PracticeLogged>? practices = null,
        IReadOnlyCollection<SkipLogged>? skips = null,
        QuietHours? quietHours = null,
        string? now = null) =>
        ReminderPlanner.Plan([plan], practices ?? [], skips ?? [], quietHours, Instant(from), Instant(to), now is null ? Instant(from) : Instant(now));

    private static LocalTime T(string text) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).Value;

    private static Instant Instant(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant();

    private static string Text(Instant instant) => InstantPattern.General.Format(instant);
}
