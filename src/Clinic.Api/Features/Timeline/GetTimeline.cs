using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Common.Json;
using Clinic.Api.Features.Plans;
using Clinic.Domain.Adherence;
using Clinic.Domain.Completions;
using Clinic.Domain.Plans;
using Clinic.Domain.Privacy;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Timeline;

/// <summary>
/// A client's practice day by day, for charts of distress over time and "due vs done" calendars: for each local day
/// of [from, to] in the client's zone, what was due (daily and once assignments, by the summaries' rules), what was
/// done, each completion with its ratings, and each skip with its reason; the client's own text as the caller may
/// read it. <see cref="ClientId"/> is null for the signed-in client (<c>/me/timeline</c>).
/// </summary>
public sealed record GetTimelineQuery(Guid? ClientId, string? From, string? To) : IQuery<TimelineResponse>
{
    /// <summary>Days shown when neither from nor to is given: the last four weeks up to today.</summary>
    public const int DefaultDays = 28;

    /// <summary>The longest timeline one request may ask for: a year, with room for a leap day.</summary>
    public const int MaxDays = 366;
}

public sealed record TimelineResponse(
    Guid ClientId,
    string TimeZone,
    LocalDate From,
    LocalDate To,
    IReadOnlyList<TimelineAssignment> Assignments,
    IReadOnlyList<TimelineDay> Days,
    IReadOnlyList<TimelineWeeklyPeriod> WeeklyPeriods);

/// <summary>An assignment that appears in the timeline, for a chart's legend.</summary>
public sealed record TimelineAssignment(Guid AssignmentId, Guid PlanId, string PlanTitle, PlanStatus PlanStatus, string ExerciseKey, string Title, ScheduleModel Schedule);

/// <summary>
/// One local day. <see cref="Expected"/> and <see cref="Credited"/> add up the day's <see cref="Due"/> entries:
/// expected, and done up to expected (ADHERENCE.md's credited(d) for daily assignments). Today is still in progress.
/// </summary>
public sealed record TimelineDay(
    LocalDate Date,
    int Expected,
    int Credited,
    IReadOnlyList<TimelineDue> Due,
    IReadOnlyList<TimelineUse> Uses,
    IReadOnlyList<TimelineCompletion> Completions,
    IReadOnlyList<TimelineSkip> Skips);

/// <summary>An as-needed assignment used that day: never due, so it is counted here and not in expected or credited.</summary>
public sealed record TimelineUse(Guid AssignmentId, Guid PlanId, string ExerciseKey, int Uses);

/// <summary>
/// A daily assignment due that day (expected timesPerDay, done = that day's completions of it), or a once
/// assignment on its due date (expected 1, done 1 when completed on or before it).
/// </summary>
public sealed record TimelineDue(Guid AssignmentId, Guid PlanId, string ExerciseKey, int Expected, int Done);

/// <summary>
/// A completion as its reader may see it: <see cref="Reflection"/> follows the rule of <see cref="Reader"/>.
/// <see cref="AssignmentId"/> and <see cref="PlanId"/> are null for practice outside any plan.
/// </summary>
public sealed record TimelineCompletion(
    Guid Id,
    Guid? AssignmentId,
    Guid? PlanId,
    string ExerciseKey,
    CompletionContext Context,
    Instant CompletedAt,
    string LocalTime,
    int? DurationMinutes,
    int? DistressBefore,
    int? DistressAfter,
    int? Helpfulness,
    string? Reflection,
    bool ShareWithTherapist)
{
    public static TimelineCompletion For(Completion c, DateTimeZone zone, Reader reader) => new(
        c.Id, c.AssignmentId, c.PlanId, c.ExerciseKey, c.Context, c.CompletedAt, TimeOfDayFormat.Format(c.CompletedAt.InZone(zone).TimeOfDay),
        c.DurationMinutes, c.DistressBefore, c.DistressAfter, c.Helpfulness, c.ReflectionFor(reader), c.ShareWithTherapist);
}

/// <summary>A skip report as its reader may see it: <see cref="Note"/> follows the rule of <see cref="Reader"/>.</summary>
public sealed record TimelineSkip(Guid Id, Guid AssignmentId, Guid PlanId, string ExerciseKey, SkipReason Reason, string? Note, bool ShareWithTherapist)
{
    public static TimelineSkip For(SkipReport s, string exerciseKey, Reader reader) =>
        new(s.Id, s.AssignmentId, s.PlanId, exerciseKey, s.Reason, s.NoteFor(reader), s.ShareWithTherapist);
}

/// <summary>
/// A weekly assignment's 7-day period (anchored on its start, cut at its end) that shares a day with the timeline:
/// weekly practice is due per period, not per day. Done counts the period's completions, also those outside [from, to].
/// </summary>
public sealed record TimelineWeeklyPeriod(Guid AssignmentId, Guid PlanId, string ExerciseKey, LocalDate From, LocalDate To, int Expected, int Done);

public sealed class GetTimelineValidator : AbstractValidator<GetTimelineQuery>
{
    public GetTimelineValidator()
    {
        RuleFor(q => q.From).Must(WireFormats.IsDateOrAbsent).WithMessage("from " + WireFormats.DateMessage);
        RuleFor(q => q.To).Must(WireFormats.IsDateOrAbsent).WithMessage("to " + WireFormats.DateMessage);
        RuleFor(q => q.From).Must(WireFormats.IsWithinCalendarOrAbsent).WithMessage("from " + WireFormats.CalendarMessage);
        RuleFor(q => q.To).Must(WireFormats.IsWithinCalendarOrAbsent).WithMessage("to " + WireFormats.CalendarMessage);
        When(q => q.From is not null && q.To is not null && WireFormats.IsDateOrAbsent(q.From) && WireFormats.IsDateOrAbsent(q.To), () =>
        {
            RuleFor(q => q.From).Must((q, from) => Parse(from) <= Parse(q.To)).WithMessage("from must not be after to.");
            RuleFor(q => q.To)
                .Must((q, to) => Parse(q.From) > Parse(to) || Period.DaysBetween(Parse(q.From), Parse(to)) < GetTimelineQuery.MaxDays)
                .WithMessage($"A timeline spans at most {GetTimelineQuery.MaxDays} days.");
        });
    }

    private static LocalDate Parse(string? text) => WireFormats.ParseDate(text!)!.Value;
}

public sealed class GetTimelineHandler(ClinicDbContext db, Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetTimelineQuery, TimelineResponse>
{
    public async ValueTask<TimelineResponse> Handle(GetTimelineQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(query.ClientId is null ? [Roles.Client] : Access.StaffRoles);
        var client = await access.ClientAsync(query.ClientId ?? caller.SubjectGuid, cancellationToken);
        var zone = client.Zone;
        var now = clock.GetCurrentInstant();
        var (from, to) = Range(query, now.InZone(zone).Date);

        // Drafts have no entries and nothing due; a cancelled plan's entries stay history, but nothing of it is due.
        var plans = (await reader.PlansAsync(access.VisiblePlans().Where(p => p.ClientId == client.Id && p.Status != PlanStatus.Draft), cancellationToken))
            .ConvertAll(p => p.Plan);
        plans.Sort((a, b) => a.StartDate != b.StartDate ? a.StartDate.CompareTo(b.StartDate) : a.Id.CompareTo(b.Id));
        var calendars = plans.ConvertAll(p => (Plan: p, Days: new PlanDays(AdherenceReader.ToCalculatorPlan(p, zone), now)));
        var due = calendars.Where(c => c.Plan.Status != PlanStatus.Cancelled).ToList();

        var (loadFrom, loadTo) = LoadedDates(due.Select(c => c.Days.Plan), from, to);
        var loadStart = zone.AtStartOfDay(loadFrom).ToInstant();
        var loadEnd = zone.AtStartOfDay(loadTo.PlusDays(1)).ToInstant();
        var planIds = plans.ConvertAll(p => p.Id);
        var completions = await db.Completions.AsNoTracking()
            .Where(c => ((c.PlanId != null && planIds.Contains(c.PlanId.Value)) || (c.PlanId == null && c.ClientId == client.Id))
                && c.VoidedAt == null && c.CompletedAt >= loadStart && c.CompletedAt < loadEnd)
            .OrderBy(c => c.CompletedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var skips = await db.SkipReports.AsNoTracking()
            .Where(s => planIds.Contains(s.PlanId) && s.Date >= from && s.Date <= to)
            .OrderBy(s => s.Date).ThenBy(s => s.ReportedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync("timeline.read", "client", client.Id, client.Id, cancellationToken);

        return Build(client.Id, zone, from, to, calendars, due, completions, skips, caller.Reader);
    }

    /// <summary>The requested days, or the defaults: up to today, four weeks back from the last day.</summary>
    private static (LocalDate From, LocalDate To) Range(GetTimelineQuery query, LocalDate today)
    {
        var to = query.To is null ? today : WireFormats.ParseDate(query.To)!.Value;
        var from = query.From is null ? to.PlusDays(1 - GetTimelineQuery.DefaultDays) : WireFormats.ParseDate(query.From)!.Value;

        // Only reachable with the default to (today): an explicit pair is checked by the validator.
        if (from > to)
        {
            throw new BadParameterException("from", "from must not be after to (which defaults to today in the client's time zone).");
        }

        if (Period.DaysBetween(from, to) >= GetTimelineQuery.MaxDays)
        {
            throw new BadParameterException("from", $"A timeline spans at most {GetTimelineQuery.MaxDays} days (to defaults to today in the client's time zone).");
        }

        return (from, to);
    }

    /// <summary>
    /// The local dates whose completions the timeline needs: its own days, the rest of the weekly periods it
    /// touches (at most six days either side), and back to the start of a once assignment due inside it (a
    /// completion before the due date does it).
    /// </summary>
    private static (LocalDate From, LocalDate To) LoadedDates(IEnumerable<AdherencePlan> plans, LocalDate from, LocalDate to)
    {
        var first = from.PlusDays(-6);
        foreach (var assignment in plans.SelectMany(p => p.Assignments))
        {
            if (assignment.Schedule.DueDate is { } dueDate && dueDate >= from && dueDate <= to)
            {
                first = LocalDate.Min(first, assignment.StartDate);
            }
        }

        return (first, to.PlusDays(6));
    }

    private static TimelineResponse Build(
        Guid clientId,
        DateTimeZone zone,
        LocalDate from,
        LocalDate to,
        List<(HomeworkPlan Plan, PlanDays Days)> calendars,
        List<(HomeworkPlan Plan, PlanDays Days)> due,
        List<Completion> completions,
        List<SkipReport> skips,
        Reader reader)
    {
        var exerciseKeys = calendars.SelectMany(c => c.Plan.Assignments).ToDictionary(a => a.Id, a => a.ExerciseKey);
        var countByDay = new Dictionary<(Guid AssignmentId, LocalDate Date), int>();
        var firstDoneOn = new Dictionary<Guid, LocalDate>();
        var completionsByDay = new Dictionary<LocalDate, List<TimelineCompletion>>();
        foreach (var completion in completions)
        {
            var date = completion.CompletedAt.InZone(zone).Date;
            if (completion.AssignmentId is { } assignmentId)
            {
                var key = (assignmentId, date);
                countByDay[key] = countByDay.GetValueOrDefault(key) + 1;
                if (!firstDoneOn.TryGetValue(assignmentId, out var first) || date < first)
                {
                    firstDoneOn[assignmentId] = date;
                }
            }

            if (date >= from && date <= to)
            {
                Add(completionsByDay, date, TimelineCompletion.For(completion, zone, reader));
            }
        }

        var skipsByDay = new Dictionary<LocalDate, List<TimelineSkip>>();
        foreach (var skip in skips)
        {
            Add(skipsByDay, skip.Date, TimelineSkip.For(skip, exerciseKeys[skip.AssignmentId], reader));
        }

        var days = new List<TimelineDay>(Period.DaysBetween(from, to) + 1);
        for (var date = from; date <= to; date = date.PlusDays(1))
        {
            var dueToday = new List<TimelineDue>();
            foreach (var (plan, planDays) in due)
            {
                foreach (var assignment in planDays.Plan.Assignments)
                {
                    var expected = planDays.ExpectedOn(assignment, date);
                    if (expected == 0)
                    {
                        continue;
                    }

                    var done = assignment.Schedule.Kind == ScheduleKind.Once
                        ? firstDoneOn.TryGetValue(assignment.AssignmentId, out var doneOn) && doneOn <= date ? 1 : 0
                        : countByDay.GetValueOrDefault((assignment.AssignmentId, date));
                    dueToday.Add(new TimelineDue(assignment.AssignmentId, plan.Id, assignment.ExerciseKey, expected, done));
                }
            }

            var uses = new List<TimelineUse>();
            foreach (var (plan, planDays) in calendars)
            {
                foreach (var assignment in planDays.Plan.Assignments.Where(a => !a.Schedule.IsScheduled))
                {
                    if (countByDay.GetValueOrDefault((assignment.AssignmentId, date)) is > 0 and var count)
                    {
                        uses.Add(new TimelineUse(assignment.AssignmentId, plan.Id, assignment.ExerciseKey, count));
                    }
                }
            }

            days.Add(new TimelineDay(
                date,
                dueToday.Sum(d => d.Expected),
                dueToday.Sum(d => Math.Min(d.Done, d.Expected)),
                dueToday,
                uses,
                completionsByDay.GetValueOrDefault(date) ?? [],
                skipsByDay.GetValueOrDefault(date) ?? []));
        }

        var periods = new List<TimelineWeeklyPeriod>();
        foreach (var (plan, planDays) in due)
        {
            foreach (var assignment in planDays.Plan.Assignments.Where(a => a.Schedule.Kind == ScheduleKind.Weekly))
            {
                foreach (var period in PlanDays.WeeklyPeriodsOverlapping(assignment, from, to))
                {
                    var done = 0;
                    for (var date = period.Start; date <= period.End; date = date.PlusDays(1))
                    {
                        done += countByDay.GetValueOrDefault((assignment.AssignmentId, date));
                    }

                    periods.Add(new TimelineWeeklyPeriod(assignment.AssignmentId, plan.Id, assignment.ExerciseKey, period.Start, period.End, assignment.Schedule.TimesPerWeek, done));
                }
            }
        }

        var legend = calendars
            .SelectMany(c => c.Days.Plan.Assignments.Select(a => new TimelineAssignment(a.AssignmentId, c.Plan.Id, c.Plan.Title, c.Plan.Status, a.ExerciseKey, a.Title, ScheduleModel.From(a.Schedule))))
            .ToList();
        return new TimelineResponse(clientId, zone.Id, from, to, legend, days, periods);
    }

    private static void Add<T>(Dictionary<LocalDate, List<T>> byDay, LocalDate date, T item)
    {
        if (!byDay.TryGetValue(date, out var list))
        {
            list = [];
            byDay.Add(date, list);
        }

        list.Add(item);
    }
}
