using Clinic.Domain.Clients;
using Clinic.Domain.Common;
using Clinic.Domain.Exercises;
using NodaTime;

namespace Clinic.Domain.Plans;

/// <summary>
/// A self-compassion homework plan a therapist assigned to a client: its dates, its assignments, its status
/// and every pause. It guards its own rules; status changes only through the transition methods.
/// </summary>
public sealed class HomeworkPlan : Entity
{
    public const int MaxDays = 180;
    public const int MaxAssignments = 20;
    public const int TitleMaxLength = 200;
    public const int GoalMaxLength = 2000;
    public const int ExternalIdMaxLength = 100;

    private readonly List<Assignment> _assignments = [];
    private readonly List<PlanPause> _pauses = [];

    // A plan being created raises plan.assigned only, not also plan.changed for the assignments it is given.
    private bool _assignedNow;

    private HomeworkPlan(Guid id, Guid practiceId, Guid clientId, Guid therapistId, string title, string? goal, LocalDate startDate, LocalDate endDate, Instant createdAt)
        : base(id)
    {
        PracticeId = practiceId;
        ClientId = clientId;
        TherapistId = therapistId;
        Title = title;
        Goal = goal;
        StartDate = startDate;
        EndDate = endDate;
        CreatedAt = createdAt;
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>The therapist who assigned the plan.</summary>
    public Guid TherapistId { get; private set; }

    public string Title { get; private set; }

    public string? Goal { get; private set; }

    public LocalDate StartDate { get; private set; }

    public LocalDate EndDate { get; private set; }

    public Instant? NextSessionAt { get; private set; }

    public PlanStatus Status { get; private set; }

    public string? ExternalId { get; private set; }

    public Instant CreatedAt { get; private set; }

    /// <summary>
    /// Moves by one with every change, including changes to assignments and pauses. It is the optimistic
    /// concurrency token and the API's ETag.
    /// </summary>
    public int Version { get; private set; } = 1;

    /// <summary>The assignments in the order they were given (by <see cref="Assignment.Position"/>).</summary>
    public IReadOnlyList<Assignment> Assignments => [.. _assignments.OrderBy(a => a.Position)];

    public IReadOnlyCollection<PlanPause> Pauses => _pauses.AsReadOnly();

    public static HomeworkPlan Create(
        Client client,
        Guid therapistId,
        string title,
        string? goal,
        LocalDate startDate,
        LocalDate endDate,
        Instant? nextSessionAt,
        string? externalId,
        bool asDraft,
        Instant now)
    {
        if (client.Status == ClientStatus.Discharged)
        {
            throw new DomainException("client_discharged", "A discharged client cannot be given a new plan.", "clientId");
        }

        var plan = new HomeworkPlan(
            NewId(),
            client.PracticeId,
            client.Id,
            therapistId,
            Guard.Text(title, "title", TitleMaxLength),
            Guard.OptionalText(goal, "goal", GoalMaxLength),
            startDate,
            endDate,
            now)
        {
            NextSessionAt = nextSessionAt,
            ExternalId = Guard.OptionalText(externalId, "externalId", ExternalIdMaxLength),
            Status = asDraft ? PlanStatus.Draft : PlanStatus.Active,
        };
        CheckDates(startDate, endDate);
        plan._assignedNow = true;
        plan.Raise(new PlanAssigned(plan.PracticeId, plan.ClientId, plan.Id));
        return plan;
    }

    public Assignment AddAssignment(Exercise exercise, Schedule schedule, LocalDate? startDate, LocalDate? endDate, string? instructions)
    {
        EnsureEditable();
        if (_assignments.Count >= MaxAssignments)
        {
            throw new DomainException("too_many_assignments", $"A plan has at most {MaxAssignments} assignments.", "assignments");
        }

        if (exercise.IsRetired)
        {
            throw new DomainException("exercise_retired", $"The exercise '{exercise.Key}' was retired by the practice and cannot be assigned again.", "exerciseKey");
        }

        var position = _assignments.Count == 0 ? 0 : _assignments.Max(a => a.Position) + 1;
        var assignment = Assignment.Create(this, position, exercise, schedule, startDate, endDate, instructions);
        _assignments.Add(assignment);
        Touch();
        Changed();
        return assignment;
    }

    public void ChangeAssignment(Guid assignmentId, LocalDate? startDate, LocalDate? endDate, string? instructions)
    {
        EnsureEditable();
        var assignment = _assignments.Find(a => a.Id == assignmentId)
            ?? throw new DomainException("unknown_assignment", "The plan has no such assignment.", "assignmentId");
        assignment.Change(this, startDate, endDate, instructions);
        Touch();
        Changed();
    }

    /// <summary>
    /// Changes when the client is reminded of an assignment. Reminder times do not change what is due, so they may
    /// change at any time the plan is editable without touching a figure.
    /// </summary>
    public void ChangeReminderTimes(Guid assignmentId, IEnumerable<LocalTime> timesOfDay)
    {
        EnsureEditable();
        var assignment = _assignments.Find(a => a.Id == assignmentId)
            ?? throw new DomainException("unknown_assignment", "The plan has no such assignment.", "assignmentId");
        assignment.RemindAt(timesOfDay);
        Touch();
    }

    public void Reschedule(LocalDate startDate, LocalDate endDate)
    {
        EnsureEditable();
        CheckDates(startDate, endDate);
        var (oldStart, oldEnd) = (StartDate, EndDate);
        (StartDate, EndDate) = (startDate, endDate);
        try
        {
            foreach (var assignment in _assignments)
            {
                assignment.CheckDates(this);
            }
        }
        catch (DomainException)
        {
            (StartDate, EndDate) = (oldStart, oldEnd);
            throw;
        }

        Touch();
        Changed();
    }

    public void Describe(string title, string? goal)
    {
        var checkedTitle = Guard.Text(title, "title", TitleMaxLength);
        Goal = Guard.OptionalText(goal, "goal", GoalMaxLength);
        Title = checkedTitle;
        Touch();
        Changed();
    }

    public void ScheduleNextSession(Instant? nextSessionAt)
    {
        NextSessionAt = nextSessionAt;
        Touch();
        Changed();
    }

    public void Activate()
    {
        RequireStatus("activate", PlanStatus.Draft);
        if (_assignments.Count == 0)
        {
            throw new DomainException("no_assignments", "A plan needs at least one assignment before it starts.", "assignments");
        }

        Status = PlanStatus.Active;
        Touch();
        Raise(new PlanActivated(PracticeId, ClientId, Id));
    }

    public void Pause(Instant now)
    {
        RequireStatus("pause", PlanStatus.Active);
        Status = PlanStatus.Paused;
        _pauses.Add(new PlanPause(now, null));
        Touch();
        Raise(new PlanPaused(PracticeId, ClientId, Id));
    }

    public void Resume(Instant now)
    {
        RequireStatus("resume", PlanStatus.Paused);
        Status = PlanStatus.Active;
        var open = _pauses.FindLastIndex(p => p.ResumedAt is null);
        if (open >= 0)
        {
            _pauses[open] = _pauses[open] with { ResumedAt = now };
        }

        Touch();
        Raise(new PlanResumed(PracticeId, ClientId, Id));
    }

    public void Complete()
    {
        RequireStatus("complete", PlanStatus.Active, PlanStatus.Paused);
        Status = PlanStatus.Completed;
        Touch();
        Raise(new PlanCompleted(PracticeId, ClientId, Id));
    }

    public void Cancel()
    {
        RequireStatus("cancel", PlanStatus.Draft, PlanStatus.Active, PlanStatus.Paused);
        Status = PlanStatus.Cancelled;
        Touch();
        Raise(new PlanCancelled(PracticeId, ClientId, Id));
    }

    /// <summary>Whether a client may still log practice against this plan.</summary>
    public bool AcceptsPractice => Status is not (PlanStatus.Draft or PlanStatus.Cancelled);

    public Assignment? FindAssignment(Guid assignmentId) => _assignments.Find(a => a.Id == assignmentId);

    private void Touch() => Version++;

    private void Changed()
    {
        if (!_assignedNow)
        {
            Raise(new PlanChanged(PracticeId, ClientId, Id));
        }
    }

    private static void CheckDates(LocalDate startDate, LocalDate endDate)
    {
        if (endDate < startDate)
        {
            throw new DomainException("plan_dates", "endDate must not be before startDate.", "endDate");
        }

        if (Period.DaysBetween(startDate, endDate) + 1 > MaxDays)
        {
            throw new DomainException("plan_too_long", $"A plan lasts at most {MaxDays} days.", "endDate");
        }
    }

    private void EnsureEditable()
    {
        if (Status is PlanStatus.Completed or PlanStatus.Cancelled)
        {
            throw new ConflictException("plan_closed", $"A {Status.ToString().ToLowerInvariant()} plan cannot be changed.");
        }
    }

    private void RequireStatus(string action, params PlanStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new ConflictException("plan_transition", $"A {Status.ToString().ToLowerInvariant()} plan cannot {action}.");
        }
    }
}
