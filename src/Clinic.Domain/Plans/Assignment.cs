using Clinic.Domain.Common;
using Clinic.Domain.Exercises;
using NodaTime;

namespace Clinic.Domain.Plans;

/// <summary>
/// One exercise of a plan with exactly one schedule. Its own dates may narrow the plan's; without them it
/// runs for the whole plan. Changed only through <see cref="HomeworkPlan"/>, which keeps the dates consistent.
/// </summary>
public sealed class Assignment : Entity
{
    public const int InstructionsMaxLength = 2000;

    // Stored flat so the table stays queryable; Schedule is rebuilt from them.
    private ScheduleKind _scheduleKind;
    private int _timesPerDay;
    private int _daysOfWeekMask;
    private int _timesPerWeek;
    private LocalDate? _dueDate;
    private LocalTime[] _timesOfDay = [];

    private Assignment(Guid id, Guid planId, int position, Guid exerciseId, string exerciseKey, string title, string? instructions, LocalDate? startDate, LocalDate? endDate)
        : base(id)
    {
        PlanId = planId;
        Position = position;
        ExerciseId = exerciseId;
        ExerciseKey = exerciseKey;
        Title = title;
        Instructions = instructions;
        StartDate = startDate;
        EndDate = endDate;
    }

    public Guid PlanId { get; private set; }

    /// <summary>Where the assignment stands in its plan (0 first): the order the therapist or the CarePlan gave.</summary>
    public int Position { get; private set; }

    public Guid ExerciseId { get; private set; }

    public string ExerciseKey { get; private set; }

    /// <summary>The exercise's title when it was assigned, so later edits of a custom exercise do not rewrite history.</summary>
    public string Title { get; private set; }

    public string? Instructions { get; private set; }

    /// <summary>Own start date, when it narrows the plan's.</summary>
    public LocalDate? StartDate { get; private set; }

    /// <summary>Own end date, when it narrows the plan's.</summary>
    public LocalDate? EndDate { get; private set; }

    public Schedule Schedule
    {
        get
        {
            var schedule = _scheduleKind switch
            {
                ScheduleKind.Daily => Schedule.Daily(_timesPerDay, Schedule.DaysFromMask(_daysOfWeekMask)),
                ScheduleKind.Weekly => Schedule.Weekly(_timesPerWeek),
                ScheduleKind.AsNeeded => Schedule.AsNeeded(),
                _ => Schedule.Once(_dueDate!.Value),
            };
            return _timesOfDay.Length == 0 ? schedule : schedule.WithTimesOfDay(_timesOfDay);
        }

        private set
        {
            _scheduleKind = value.Kind;
            _timesPerDay = value.TimesPerDay;
            _daysOfWeekMask = value.DaysOfWeekMask;
            _timesPerWeek = value.TimesPerWeek;
            _dueDate = value.DueDate;
            _timesOfDay = [.. value.TimesOfDay];
        }
    }

    public LocalDate EffectiveStart(HomeworkPlan plan) => StartDate ?? plan.StartDate;

    public LocalDate EffectiveEnd(HomeworkPlan plan) => EndDate ?? plan.EndDate;

    public bool Covers(HomeworkPlan plan, LocalDate date) => date >= EffectiveStart(plan) && date <= EffectiveEnd(plan);

    internal static Assignment Create(HomeworkPlan plan, int position, Exercise exercise, Schedule schedule, LocalDate? startDate, LocalDate? endDate, string? instructions)
    {
        var assignment = new Assignment(
            NewId(),
            plan.Id,
            position,
            exercise.Id,
            exercise.Key,
            exercise.Title,
            Guard.OptionalText(instructions, "instructions", InstructionsMaxLength),
            startDate,
            endDate)
        {
            Schedule = schedule,
        };
        assignment.CheckDates(plan);
        return assignment;
    }

    internal void Change(HomeworkPlan plan, LocalDate? startDate, LocalDate? endDate, string? instructions)
    {
        var checkedInstructions = Guard.OptionalText(instructions, "instructions", InstructionsMaxLength);
        var (oldStart, oldEnd) = (StartDate, EndDate);
        (StartDate, EndDate) = (startDate, endDate);
        try
        {
            CheckDates(plan);
        }
        catch (DomainException)
        {
            (StartDate, EndDate) = (oldStart, oldEnd);
            throw;
        }

        Instructions = checkedInstructions;
    }

    /// <summary>New reminder times; what is due stays as it is.</summary>
    internal void RemindAt(IEnumerable<LocalTime> timesOfDay) => Schedule = Schedule.WithTimesOfDay(timesOfDay);

    internal void CheckDates(HomeworkPlan plan)
    {
        var start = EffectiveStart(plan);
        var end = EffectiveEnd(plan);
        if (start < plan.StartDate || end > plan.EndDate)
        {
            throw new DomainException("assignment_outside_plan", "An assignment's dates must lie inside the plan's dates.", StartDate < plan.StartDate ? "startDate" : "endDate");
        }

        if (start > end)
        {
            throw new DomainException("assignment_dates", "An assignment's startDate must not be after its endDate.", "endDate");
        }

        if (Schedule.DueDate is { } due && (due < start || due > end))
        {
            throw new DomainException("due_date_outside", "A once schedule's dueDate must lie inside the assignment's dates.", "schedule.dueDate");
        }
    }
}
