using Clinic.Infrastructure.Adherence;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Common.Json;
using Clinic.Domain.Plans;
using Clinic.Domain.Reminders;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Clinic.Api.Features.Reminders;

/// <summary>
/// The instants in [from, to) at which the signed-in client's app should show a local notification, by the rules of
/// <see cref="ReminderPlanner"/> (ADR 0030). from and to arrive as the raw query-string text: ISO 8601 instants with an
/// offset; from defaults to now and to to seven days after from.
/// </summary>
public sealed record GetMyRemindersQuery(string? From, string? To) : IQuery<RemindersResponse>
{
    public static readonly Duration DefaultRange = Duration.FromDays(7);
}

/// <summary>
/// The reminders, in order of their instants, with the client's zone so the app can show local times, and the
/// preferences they were planned with. No client-written text: titles are the exercises' own.
/// </summary>
public sealed record RemindersResponse(string TimeZone, Instant From, Instant To, bool Enabled, QuietHoursModel? QuietHours, IReadOnlyList<ReminderItem> Reminders);

/// <summary>One notification to schedule: when (an instant, and its wall-clock time), for which day's practice, and which.</summary>
public sealed record ReminderItem(Instant At, string LocalTime, LocalDate Date, Guid AssignmentId, Guid PlanId, string ExerciseKey, string Title)
{
    public static ReminderItem From(Reminder reminder) => new(
        reminder.At, TimeOfDayFormat.Format(reminder.LocalTime), reminder.Date, reminder.AssignmentId, reminder.PlanId, reminder.ExerciseKey, reminder.Title);
}

public sealed class GetMyRemindersValidator : AbstractValidator<GetMyRemindersQuery>
{
    public GetMyRemindersValidator()
    {
        RuleFor(q => q.From).Must(WireFormats.IsInstantOrAbsent).WithMessage("from " + WireFormats.InstantMessage);
        RuleFor(q => q.To).Must(WireFormats.IsInstantOrAbsent).WithMessage("to " + WireFormats.InstantMessage);
        RuleFor(q => q.From).Must(WireFormats.IsWithinCalendarOrAbsent).WithMessage("from " + WireFormats.CalendarMessage);
        RuleFor(q => q.To).Must(WireFormats.IsWithinCalendarOrAbsent).WithMessage("to " + WireFormats.CalendarMessage);
        When(q => q.From is not null && q.To is not null && WireFormats.IsInstantOrAbsent(q.From) && WireFormats.IsInstantOrAbsent(q.To), () =>
            RuleFor(q => q.To)
                .Must((q, to) => GetMyRemindersHandler.RangeProblem(Parse(q.From), Parse(to)) is null)
                .WithMessage(q => GetMyRemindersHandler.RangeProblem(Parse(q.From), Parse(q.To))!));
    }

    private static Instant Parse(string? text) => WireFormats.ParseInstant(text!)!.Value;
}

public sealed class GetMyRemindersHandler(ClinicDbContext db, Access access, Caller caller, AdherenceReader reader, AuditTrail audit, IClock clock)
    : IQueryHandler<GetMyRemindersQuery, RemindersResponse>
{
    /// <summary>The range rule, stated once: to after from, at most <see cref="ReminderPlanner.MaxRange"/> apart. Null when kept.</summary>
    public static string? RangeProblem(Instant from, Instant to) =>
        to <= from ? "to must be after from (from defaults to now)."
        : to - from > ReminderPlanner.MaxRange ? $"Reminders are planned at most {ReminderPlanner.MaxRange.Days} days ahead in one request: bring to closer to from."
        : null;

    public async ValueTask<RemindersResponse> Handle(GetMyRemindersQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var now = clock.GetCurrentInstant();
        var from = WireFormats.InstantOr(query.From, now);
        var to = WireFormats.InstantOr(query.To, from + GetMyRemindersQuery.DefaultRange);
        if (RangeProblem(from, to) is { } problem)
        {
            // Only reachable with the default from (now): an explicit pair is checked by the validator.
            throw new BadParameterException("to", problem);
        }

        var client = await access.ClientAsync(caller.SubjectGuid, cancellationToken);
        var zone = client.Zone;
        var preferences = await db.ReminderPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == client.Id, cancellationToken)
            ?? ReminderPreferences.Default(client.Id);
        IReadOnlyList<Reminder> reminders = [];
        if (preferences.Enabled)
        {
            reminders = await PlanAsync(client.Id, zone, preferences.QuietHours, from, to, now, cancellationToken);
        }

        await audit.RecordReadAsync("reminders.read", "client", client.Id, client.Id, cancellationToken);
        return new RemindersResponse(zone.Id, from, to, preferences.Enabled, QuietHoursModel.From(preferences.QuietHours), [.. reminders.Select(ReminderItem.From)]);
    }

    /// <summary>
    /// Reads what the planner needs in three queries whatever the range: the active plans with their assignments and
    /// pauses; their completions that are not voided, from a week before the range (a weekly period in progress) or
    /// of any date for a once assignment; and the skips reported for the range's days.
    /// </summary>
    private async Task<IReadOnlyList<Reminder>> PlanAsync(Guid clientId, DateTimeZone zone, QuietHours? quietHours, Instant from, Instant to, Instant now, CancellationToken cancellationToken)
    {
        var firstDate = from.InZone(zone).Date.PlusDays(-1);
        var lastDate = to.InZone(zone).Date;
        var loaded = await reader.PlansAsync(
            access.VisiblePlans().Where(p => p.ClientId == clientId && p.Status == PlanStatus.Active && p.StartDate <= lastDate && p.EndDate >= firstDate),
            cancellationToken);
        if (loaded.Count == 0 || !loaded.Any(p => p.Plan.Assignments.Any(a => a.Schedule.TimesOfDay.Count > 0)))
        {
            return [];
        }

        var plans = loaded.ConvertAll(p => AdherenceReader.ToCalculatorPlan(p.Plan, zone));
        var planIds = plans.ConvertAll(p => p.PlanId);
        var onceIds = plans.SelectMany(p => p.Assignments).Where(a => a.Schedule.Kind == ScheduleKind.Once).Select(a => a.AssignmentId).ToList();
        var loadStart = zone.AtStartOfDay(firstDate.PlusDays(-6)).ToInstant();
        var practices = await db.Completions.AsNoTracking()
            .Where(c => c.PlanId != null && planIds.Contains(c.PlanId.Value) && c.VoidedAt == null && (c.CompletedAt >= loadStart || onceIds.Contains(c.AssignmentId!.Value)))
            .Select(c => new PracticeLogged(c.AssignmentId!.Value, c.CompletedAt))
            .ToListAsync(cancellationToken);
        var skips = await db.SkipReports.AsNoTracking()
            .Where(s => planIds.Contains(s.PlanId) && s.Date >= firstDate && s.Date <= lastDate)
            .Select(s => new SkipLogged(s.AssignmentId, s.Date))
            .ToListAsync(cancellationToken);
        return ReminderPlanner.Plan(plans, practices, skips, quietHours, from, to, now);
    }
}
