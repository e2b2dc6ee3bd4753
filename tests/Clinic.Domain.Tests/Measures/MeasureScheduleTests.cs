using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using Clinic.Domain.Measures;
using CsCheck;
using NodaTime;
using NodaTime.Text;

namespace Clinic.Domain.Tests.Measures;

/// <summary>When a schedule's occasions open and close, on local dates of the client's zone, across changes of the clocks.</summary>
public sealed class MeasureScheduleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    private static readonly string[] Zones = ["America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland", "Australia/Lord_Howe", "America/Santiago"];

    [Fact]
    public void A_weekly_occasion_opens_at_local_midnight_whatever_the_offset_that_day()
    {
        var (client, schedule) = Weekly("America/New_York", 1, new LocalDate(2026, 3, 2));

        var first = schedule.OccasionAt(At("2026-03-09T03:59:00Z"), client.Zone, null)!;
        var second = schedule.OccasionAt(At("2026-03-09T04:00:00Z"), client.Zone, null)!;

        Assert.Equal((At("2026-03-02T05:00:00Z"), At("2026-03-09T04:00:00Z")), (first.OpensAt, first.ClosesAt!.Value));
        Assert.Equal((At("2026-03-09T04:00:00Z"), At("2026-03-16T04:00:00Z")), (second.OpensAt, second.ClosesAt!.Value));
    }

    [Fact]
    public void Before_each_session_opens_at_the_same_local_time_two_days_earlier()
    {
        var client = ClientIn("America/New_York");
        var schedule = MeasureSchedule.Start(client, Instruments.Phq9, MeasureScheduleKind.BeforeEachSession, null, new LocalDate(2026, 3, 1), "t", At("2026-03-01T12:00:00Z"));
        var session = At("2026-03-09T19:00:00Z");

        Assert.Null(schedule.OccasionAt(At("2026-03-07T19:59:00Z"), client.Zone, session));
        Assert.Equal((At("2026-03-07T20:00:00Z"), session), ValueOf(schedule.OccasionAt(At("2026-03-07T20:00:00Z"), client.Zone, session)));
        Assert.Null(schedule.OccasionAt(At("2026-03-09T19:00:01Z"), client.Zone, session));
        Assert.Null(schedule.OccasionAt(At("2026-03-07T20:00:00Z"), client.Zone, null));
    }

    [Fact]
    public void Before_a_session_two_local_days_after_a_nonexistent_time_opens_when_that_time_would_have_been()
    {
        // 02:30 on 2026-03-08 does not exist in New York; a session at 02:30 on 03-10 opens at 03:30 EDT on 03-08.
        var client = ClientIn("America/New_York");
        var schedule = MeasureSchedule.Start(client, Instruments.Gad7, MeasureScheduleKind.BeforeEachSession, null, new LocalDate(2026, 3, 1), "t", At("2026-03-01T12:00:00Z"));
        var session = At("2026-03-10T06:30:00Z");

        Assert.Equal(At("2026-03-08T07:30:00Z"), schedule.OccasionAt(At("2026-03-09T00:00:00Z"), client.Zone, session)!.OpensAt);
    }

    [Fact]
    public void A_once_occasion_never_closes_and_is_answered_by_any_answer_from_its_start()
    {
        var client = ClientIn("Asia/Kolkata");
        var schedule = MeasureSchedule.Start(client, Instruments.ScsSf, MeasureScheduleKind.Once, null, null, "t", Now);

        var occasion = schedule.OccasionAt(Now, client.Zone, null)!;

        Assert.Equal(At("2026-03-09T18:30:00Z"), occasion.OpensAt);
        Assert.Null(occasion.ClosesAt);
        Assert.NotNull(schedule.DueAt(Now, client.Zone, null, [At("2026-03-09T18:29:59Z")]));
        Assert.Null(schedule.DueAt(Now, client.Zone, null, [At("2026-03-09T18:30:00Z")]));
    }

    [Fact]
    public void A_stopped_schedule_has_no_occasion()
    {
        var (client, schedule) = Weekly("Europe/London", 2, new LocalDate(2026, 3, 2));

        schedule.Stop(Now);
        schedule.Stop(Now + Duration.FromDays(1));

        Assert.Equal(Now, schedule.StoppedAt);
        Assert.Null(schedule.OccasionAt(Now, client.Zone, null));
        Assert.NotNull(schedule.OccasionAt(Now - Duration.FromSeconds(1), client.Zone, null));
    }

    [Theory]
    [InlineData(MeasureScheduleKind.EveryNWeeks, null, "everyWeeks")]
    [InlineData(MeasureScheduleKind.Once, 2, "everyWeeks")]
    [InlineData(MeasureScheduleKind.EveryNWeeks, 0, "everyWeeks")]
    [InlineData(MeasureScheduleKind.EveryNWeeks, 53, "everyWeeks")]
    public void Every_weeks_belongs_to_every_n_weeks_schedules_and_lies_in_1_to_52(MeasureScheduleKind kind, int? everyWeeks, string field)
    {
        var broken = Assert.Throws<DomainException>(() => MeasureSchedule.Start(ClientIn("UTC"), Instruments.Phq9, kind, everyWeeks, null, "t", Now));

        Assert.Equal(field, broken.Field);
    }

    [Fact]
    public void Every_period_of_an_every_n_weeks_schedule_holds_now_and_opens_and_closes_at_local_midnight() =>
        Gen.Select(Gen.OneOf(Zones), Gen.Int[1, 6], Gen.Int[-60, 60], Gen.Long[0, 400L * 24 * 3600]).Sample(generated =>
        {
            var (zoneId, weeks, startOffset, seconds) = generated;
            var client = ClientIn(zoneId);
            var start = Now.InZone(client.Zone).Date.PlusDays(startOffset);
            var schedule = MeasureSchedule.Start(client, Instruments.Gad7, MeasureScheduleKind.EveryNWeeks, weeks, start, "t", Now);
            var at = client.Zone.AtStartOfDay(start).ToInstant() + Duration.FromSeconds(seconds);

            var occasion = schedule.OccasionAt(at, client.Zone, null)!;

            Assert.InRange(at, occasion.OpensAt, occasion.ClosesAt!.Value - Duration.Epsilon);
            var (opens, closes) = (occasion.OpensAt.InZone(client.Zone), occasion.ClosesAt.Value.InZone(client.Zone));
            Assert.Equal(client.Zone.AtStartOfDay(opens.Date), opens);
            Assert.Equal(client.Zone.AtStartOfDay(closes.Date), closes);
            Assert.Equal(7 * weeks, Period.DaysBetween(opens.Date, closes.Date));
            Assert.Equal(0, Period.DaysBetween(start, opens.Date) % (7 * weeks));
        }, iter: 2000);

    private static (Client Client, MeasureSchedule Schedule) Weekly(string zone, int weeks, LocalDate start)
    {
        var client = ClientIn(zone);
        return (client, MeasureSchedule.Start(client, Instruments.Phq9, MeasureScheduleKind.EveryNWeeks, weeks, start, "t", Now));
    }

    private static Client ClientIn(string zone) => Client.Create(Guid.NewGuid(), Guid.NewGuid(), "A client", zone, null, Now);

    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static (Instant, Instant) ValueOf(MeasureOccasion? occasion) => (occasion!.OpensAt, occasion.ClosesAt!.Value);
}
