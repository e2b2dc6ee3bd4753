using Clinic.Domain.Alerts;
using Clinic.Domain.Clients;
using Clinic.Domain.Completions;
using Clinic.Domain.Measures;
using Clinic.Domain.Plans;
using Clinic.Domain.Practices;
using Clinic.Domain.Therapists;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Startup;

/// <summary>
/// A small practice to explore the API with: two therapists, four clients in different time zones, each with an
/// active plan that began three weeks ago and realistic practice, ratings, reflections and skips, outcome measures
/// answered before the plan and two weeks in (self-compassion rising with practice), and one open safety alert.
/// Seeded once; the ids are fixed so the run script can mint tokens for them.
/// </summary>
public sealed class DemoData(ClinicDbContext db, IClock clock, ILogger<DemoData> logger)
{
    public static readonly Guid PracticeId = Guid.Parse("11111111-1111-4111-8111-111111111111");

    /// <summary>The practice admin of the demo: an identity only (admins are not stored), for tokens and the demo sign-in.</summary>
    public static readonly Guid AdminId = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    public static readonly Guid FirstTherapistId = Guid.Parse("7e000000-0000-4000-8000-000000000001");
    public static readonly Guid SecondTherapistId = Guid.Parse("7e000000-0000-4000-8000-000000000002");

    private static readonly (Guid Id, string Name, string Zone, Guid Therapist, double Adherence)[] Clients =
    [
        (Guid.Parse("c1000000-0000-4000-8000-000000000001"), "Jordan Ellis", "America/New_York", FirstTherapistId, 0.9),
        (Guid.Parse("c1000000-0000-4000-8000-000000000002"), "Priya Nair", "Asia/Kolkata", FirstTherapistId, 0.7),
        (Guid.Parse("c1000000-0000-4000-8000-000000000003"), "Tom Whitaker", "Europe/London", SecondTherapistId, 0.45),
        (Guid.Parse("c1000000-0000-4000-8000-000000000004"), "Aroha Ngata", "Pacific/Auckland", SecondTherapistId, 0.15),
    ];

    private static readonly string[] Reflections =
    [
        "Saying the words out loud felt awkward, then oddly calming.",
        "The hand on my chest helped more than the phrases.",
        "I noticed the critic right away today and could answer it.",
        "Hard after the meeting with my manager, but I did it.",
        "Wrote to myself like I would to my sister. Cried a bit, felt lighter.",
    ];

    public async Task SeedOnceAsync(CancellationToken cancellationToken)
    {
        if (await db.Practices.AnyAsync(p => p.Id == PracticeId, cancellationToken))
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        db.Practices.Add(Practice.Create("Harbour Street Psychotherapy", "America/New_York", now, PracticeId));
        db.Therapists.Add(Therapist.Create(PracticeId, "Dr. Maya Okafor", "maya.okafor@example.org", "EHR-PRV-1001", now, FirstTherapistId));
        db.Therapists.Add(Therapist.Create(PracticeId, "Sam Reyes", "sam.reyes@example.org", "EHR-PRV-1002", now, SecondTherapistId));
        var exercises = await db.Exercises.Where(e => e.PracticeId == null).ToDictionaryAsync(e => e.Key, cancellationToken);

        for (var index = 0; index < Clients.Length; index++)
        {
            var (id, name, zoneId, therapistId, adherence) = Clients[index];
            var client = Client.Create(PracticeId, therapistId, name, zoneId, $"EHR-PT-{2001 + index}", now, id);
            db.Clients.Add(client);
            var zone = client.Zone;
            var today = now.InZone(zone).Date;
            var start = today.PlusDays(-21);
            var plan = HomeworkPlan.Create(
                client, therapistId, "Meeting the inner critic with kindness", "Notice self-criticism and answer it as a good friend would.",
                start, today.PlusDays(13), today.PlusDays(14).AtStartOfDayInZone(zone).ToInstant() + Duration.FromHours(15), null, asDraft: false, now);
            var breakAssignment = plan.AddAssignment(exercises["self-compassion-break"], Schedule.Daily(1).WithTimesOfDay([new LocalTime(8, 30), new LocalTime(20, 0)]), null, null, "Whenever the critic is loud, and at least once a day.");
            var breathing = plan.AddAssignment(exercises["affectionate-breathing"], Schedule.Daily(1, [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday]), null, null, null);
            var journal = plan.AddAssignment(exercises["self-compassion-journal"], Schedule.Weekly(2).WithTimesOfDay([new LocalTime(21, 30)]), null, null, "Before bed.");
            var letter = plan.AddAssignment(exercises["compassionate-letter"], Schedule.Once(start.PlusDays(10)), null, null, "About the thing you keep replaying.");
            var touch = plan.AddAssignment(exercises["soothing-touch"], Schedule.AsNeeded(), null, null, "Whenever it gets hard, day or night.");
            db.Plans.Add(plan);
            AddHistory(plan, zone, today, adherence, new Random(17 + index), breakAssignment, breathing, journal, letter);
            AddHardMoments(plan, zone, today, new Random(31 + index), touch);
            AddMeasures(client, start, adherence, index, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo practice");
    }

    private void AddHistory(HomeworkPlan plan, DateTimeZone zone, LocalDate today, double adherence, Random random, Assignment dailyBreak, Assignment breathing, Assignment journal, Assignment letter)
    {
        var reasons = Enum.GetValues<SkipReason>();
        for (var date = plan.StartDate; date < today; date = date.PlusDays(1))
        {
            foreach (var daily in new[] { dailyBreak, breathing })
            {
                if (!daily.Schedule.FallsOnWeekday(date))
                {
                    continue;
                }

                if (random.NextDouble() < adherence)
                {
                    AddCompletion(plan, daily, zone, date, random);
                }
                else if (random.NextDouble() < 0.5)
                {
                    var reason = reasons[random.Next(reasons.Length)];
                    var reportedAt = date.PlusDays(1).At(new LocalTime(9, 0)).InZoneLeniently(zone).ToInstant();
                    db.SkipReports.Add(SkipReport.Report(plan, daily, zone, date, reason, null, shareWithTherapist: false, reportedAt));
                }
            }

            if (date.DayOfWeek is IsoDayOfWeek.Tuesday or IsoDayOfWeek.Saturday && random.NextDouble() < adherence)
            {
                AddCompletion(plan, journal, zone, date, random);
            }

            if (date == letter.Schedule.DueDate && random.NextDouble() < adherence + 0.2)
            {
                AddCompletion(plan, letter, zone, date, random);
            }
        }
    }

    /// <summary>A few nights a week the client reaches for the as-needed practice, and it mostly brings some relief.</summary>
    private void AddHardMoments(HomeworkPlan plan, DateTimeZone zone, LocalDate today, Random random, Assignment asNeeded)
    {
        for (var date = plan.StartDate; date < today; date = date.PlusDays(1))
        {
            if (random.NextDouble() >= 0.3)
            {
                continue;
            }

            var completedAt = date.At(new LocalTime(23, 0)).PlusMinutes(random.Next(240)).InZoneLeniently(zone).ToInstant();
            var before = 7 + random.Next(4);
            var after = Math.Max(0, before - random.Next(5));
            db.Completions.Add(Completion.Record(
                plan, asNeeded, zone, completedAt, 3 + random.Next(5), before, after, 3 + random.Next(8), null, false, completedAt + Duration.FromMinutes(2)));
        }
    }

    /// <summary>
    /// SCS-SF every two weeks and the PHQ-9 before each session, answered the day before the plan began and two weeks in:
    /// self-compassion rises about as much as the client practised, depression falls; the least practising client answers
    /// PHQ-9 item 9 above 0 the second time, which opens a safety alert.
    /// </summary>
    private void AddMeasures(Client client, LocalDate start, double adherence, int index, Instant now)
    {
        db.MeasureSchedules.Add(MeasureSchedule.Start(client, Instruments.ScsSf, MeasureScheduleKind.EveryNWeeks, 2, start, "demo", now));
        db.MeasureSchedules.Add(MeasureSchedule.Start(client, Instruments.Phq9, MeasureScheduleKind.BeforeEachSession, null, start, "demo", now));
        var zone = client.Zone;
        var (before, later) = (start.PlusDays(-1).At(new LocalTime(18, 0)).InZoneLeniently(zone).ToInstant(), start.PlusDays(13).At(new LocalTime(18, 0)).InZoneLeniently(zone).ToInstant());
        var scsBefore = 27 + index;
        var phqBefore = 15 - index;
        Answer(Instruments.ScsSf, WithPoints(Instruments.ScsSf, scsBefore), before);
        Answer(Instruments.Phq9, WithPoints(Instruments.Phq9, phqBefore), before);
        Answer(Instruments.ScsSf, WithPoints(Instruments.ScsSf, scsBefore + (int)Math.Round(13 * adherence)), later);
        var phqLater = WithPoints(Instruments.Phq9, phqBefore - (int)Math.Round(8 * adherence));
        var atRisk = index == Clients.Length - 1;
        if (atRisk)
        {
            phqLater[SafetyRules.Phq9SafetyItem - 1] = 1;
        }

        var response = Answer(Instruments.Phq9, phqLater, later);
        if (atRisk)
        {
            db.SafetyAlerts.Add(SafetyAlert.Open(SafetyRules.For(response)!, later + Duration.FromMinutes(1)));
        }

        MeasureResponse Answer(Instrument instrument, int[] answers, Instant answeredAt)
        {
            var recorded = MeasureResponse.Record(client, instrument, answers, answeredAt, MeasureSource.Client, client.Id.ToString(), answeredAt + Duration.FromMinutes(1));
            db.MeasureResponses.Add(recorded);
            return recorded;
        }
    }

    /// <summary>Answers whose points after reverse scoring add up to <paramref name="points"/>, spread over the first items.</summary>
    private static int[] WithPoints(Instrument instrument, int points)
    {
        var (min, max) = (instrument.MinValue, instrument.MaxValue);
        var scored = Enumerable.Repeat(min, instrument.Items.Count).ToArray();
        var left = points - (min * instrument.Items.Count);
        for (var item = 0; item < scored.Length && left > 0; item++)
        {
            var add = Math.Min(max - min, left);
            scored[item] += add;
            left -= add;
        }

        return [.. scored.Select((value, item) => instrument.Items[item].Reverse ? min + max - value : value)];
    }

    private void AddCompletion(HomeworkPlan plan, Assignment assignment, DateTimeZone zone, LocalDate date, Random random)
    {
        var completedAt = date.At(new LocalTime(19 + random.Next(3), random.Next(60))).InZoneLeniently(zone).ToInstant();
        var before = 4 + random.Next(5);
        // Practice mostly brings some relief; now and then it does not, and distress stays high.
        var after = random.NextDouble() < 0.05 ? 8 : Math.Max(0, before - 1 - random.Next(3));
        var share = random.NextDouble() < 0.3;
        var receivedAt = completedAt + Duration.FromMinutes(random.NextDouble() < 0.1 ? 60 * 30 : 1);
        db.Completions.Add(Completion.Record(
            plan, assignment, zone, completedAt, 5 + random.Next(15), before, after, 4 + random.Next(7),
            share ? Reflections[random.Next(Reflections.Length)] : null, share, receivedAt));
    }
}
