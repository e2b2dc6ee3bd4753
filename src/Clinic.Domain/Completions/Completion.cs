using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using Clinic.Domain.Privacy;
using NodaTime;

namespace Clinic.Domain.Completions;

/// <summary>Why the client practised: their homework, or to get through a hard moment.</summary>
public enum CompletionContext
{
    /// <summary>Practice of the plan, whenever in the day (the default).</summary>
    Scheduled,

    /// <summary>In a difficult moment, for example from the app's "I'm struggling right now" button.</summary>
    InTheMoment,
}

/// <summary>
/// One logged practice, with how it went: of an assignment of the client's plan, or of any exercise of the library
/// outside any plan (<see cref="PlanId"/> and <see cref="AssignmentId"/> null). The client who logged it may share or
/// withdraw its reflection at any time, erase the reflection's text, and correct or void the completion within
/// <see cref="CorrectionPeriod"/> of logging it. Nothing else changes it.
/// </summary>
public sealed class Completion : Entity
{
    public const int MaxDurationMinutes = 240;
    public const int ReflectionMaxLength = 4000;

    /// <summary>Phone clocks drift; a completion may claim to be this far in the future and still be accepted.</summary>
    public static readonly Duration ClockSkewAllowance = Duration.FromMinutes(5);

    /// <summary>How long after logging a completion its client may still correct or void it.</summary>
    public static readonly Duration CorrectionPeriod = Duration.FromDays(7);

    private Completion(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>The plan it counts for; null for practice outside any plan.</summary>
    public Guid? PlanId { get; private set; }

    /// <summary>The assignment it counts for; null for practice outside any plan.</summary>
    public Guid? AssignmentId { get; private set; }

    /// <summary>The exercise practised (the assignment's, for practice of an assignment).</summary>
    public string ExerciseKey { get; private set; } = "";

    public CompletionContext Context { get; private set; }

    /// <summary>Whether the practice counts for an assignment of a plan.</summary>
    public bool IsOfPlan => AssignmentId is not null;

    public Instant CompletedAt { get; private set; }

    /// <summary>Server clock when the completion first arrived (replays and corrections do not change it).</summary>
    public Instant ReceivedAt { get; private set; }

    public int? DurationMinutes { get; private set; }

    public int? DistressBefore { get; private set; }

    public int? DistressAfter { get; private set; }

    public int? Helpfulness { get; private set; }

    public bool ShareWithTherapist { get; private set; }

    /// <summary>When the client last corrected the time, duration or ratings; null when never.</summary>
    public Instant? CorrectedAt { get; private set; }

    /// <summary>When the client voided the completion; from then on it counts in no figure.</summary>
    public Instant? VoidedAt { get; private set; }

    public bool IsVoided => VoidedAt is not null;

    /// <summary>
    /// The reflection's text. Private: it is read only through <see cref="ReflectionFor"/>, so no endpoint can hand
    /// an unshared reflection to staff by forgetting a check.
    /// </summary>
    private string? Reflection { get; set; }

    public static Completion Record(
        HomeworkPlan plan,
        Assignment assignment,
        DateTimeZone clientZone,
        Instant completedAt,
        int? durationMinutes,
        int? distressBefore,
        int? distressAfter,
        int? helpfulness,
        string? reflection,
        bool shareWithTherapist,
        Instant now,
        CompletionContext? context = null)
    {
        if (!plan.AcceptsPractice)
        {
            throw new DomainException("plan_not_accepting", $"A {plan.Status.ToString().ToLowerInvariant()} plan does not take completions.", "assignmentId");
        }

        CheckTime(plan, assignment, clientZone, completedAt, now);
        var completion = new Completion(NewId())
        {
            PracticeId = plan.PracticeId,
            ClientId = plan.ClientId,
            PlanId = plan.Id,
            AssignmentId = assignment.Id,
            ExerciseKey = assignment.ExerciseKey,

            // Unless the client says otherwise: a scheduled practice is homework, an as-needed one a hard moment.
            Context = context ?? (assignment.Schedule.IsScheduled ? CompletionContext.Scheduled : CompletionContext.InTheMoment),
        };
        return completion.Fill(completedAt, durationMinutes, distressBefore, distressAfter, helpfulness, reflection, shareWithTherapist, now);
    }

    /// <summary>
    /// The client practised an exercise of the library that no active plan of theirs assigns (typically in a hard
    /// moment): it is theirs and counts for no assignment.
    /// </summary>
    public static Completion RecordOwnPractice(
        Guid practiceId,
        Guid clientId,
        string exerciseKey,
        Instant completedAt,
        int? durationMinutes,
        int? distressBefore,
        int? distressAfter,
        int? helpfulness,
        string? reflection,
        bool shareWithTherapist,
        Instant now,
        CompletionContext context)
    {
        CheckTime(null, null, null, completedAt, now);
        var completion = new Completion(NewId())
        {
            PracticeId = practiceId,
            ClientId = clientId,
            ExerciseKey = exerciseKey,
            Context = context,
        };
        return completion.Fill(completedAt, durationMinutes, distressBefore, distressAfter, helpfulness, reflection, shareWithTherapist, now);
    }

    private Completion Fill(
        Instant completedAt, int? durationMinutes, int? distressBefore, int? distressAfter, int? helpfulness, string? reflection, bool shareWithTherapist, Instant now)
    {
        CompletedAt = completedAt;
        ReceivedAt = now;
        DurationMinutes = Guard.Rating(durationMinutes, "durationMinutes", 0, MaxDurationMinutes);
        DistressBefore = Guard.Rating(distressBefore, "distressBefore", 0, 10);
        DistressAfter = Guard.Rating(distressAfter, "distressAfter", 0, 10);
        Helpfulness = Guard.Rating(helpfulness, "helpfulness", 0, 10);
        Reflection = Guard.OptionalText(reflection, "reflection", ReflectionMaxLength);
        ShareWithTherapist = shareWithTherapist;
        Raise(new CompletionRecorded(PracticeId, ClientId, PlanId, AssignmentId, Id));
        return this;
    }

    /// <summary>The reflection as <paramref name="reader"/> may see it (see <see cref="Reader"/>).</summary>
    public string? ReflectionFor(Reader reader) => reader.See(ClientId, Reflection, ShareWithTherapist && !IsVoided);

    /// <summary>Shares the reflection with the therapist, or withdraws it; allowed at any time, also after voiding.</summary>
    public void Share(bool share) => ShareWithTherapist = share;

    /// <summary>Erases the reflection's text for good; the completion itself still counts.</summary>
    public void EraseReflection() => Reflection = null;

    /// <summary>
    /// Corrects what the client got wrong: the time, the duration or the ratings (absent values stay as they
    /// are). Only within <see cref="CorrectionPeriod"/> of logging, and not once voided. The plan and assignment are
    /// those it counts for (null for practice outside a plan), whose dates a new time must keep.
    /// </summary>
    public void Correct(
        HomeworkPlan? plan,
        Assignment? assignment,
        DateTimeZone clientZone,
        Instant? completedAt,
        int? durationMinutes,
        int? distressBefore,
        int? distressAfter,
        int? helpfulness,
        Instant now)
    {
        EnsureCorrectable(now, "correct");
        if (completedAt is { } newTime)
        {
            CheckTime(plan, assignment, clientZone, newTime, now);
            CompletedAt = newTime;
        }

        DurationMinutes = Guard.Rating(durationMinutes, "durationMinutes", 0, MaxDurationMinutes) ?? DurationMinutes;
        DistressBefore = Guard.Rating(distressBefore, "distressBefore", 0, 10) ?? DistressBefore;
        DistressAfter = Guard.Rating(distressAfter, "distressAfter", 0, 10) ?? DistressAfter;
        Helpfulness = Guard.Rating(helpfulness, "helpfulness", 0, 10) ?? Helpfulness;
        CorrectedAt = now;
        Raise(new CompletionCorrected(PracticeId, ClientId, PlanId, AssignmentId, Id));
    }

    /// <summary>Voids the completion: it stops counting from now on. Voiding twice changes nothing.</summary>
    public void Void(Instant now)
    {
        if (IsVoided)
        {
            return;
        }

        EnsureCorrectable(now, "void");
        VoidedAt = now;
        Raise(new CompletionVoided(PracticeId, ClientId, PlanId, AssignmentId, Id));
    }

    private void EnsureCorrectable(Instant now, string verb)
    {
        if (IsVoided)
        {
            throw new ConflictException("completion_voided", "A voided completion cannot be changed; log a new one instead.");
        }

        if (now - ReceivedAt > CorrectionPeriod)
        {
            throw new DomainException(
                "correction_period_over",
                $"A completion can be {(verb == "void" ? "voided" : "corrected")} only within {CorrectionPeriod.Days} days of logging it.",
                "completionId");
        }
    }

    private static void CheckTime(HomeworkPlan? plan, Assignment? assignment, DateTimeZone? clientZone, Instant completedAt, Instant now)
    {
        if (completedAt > now + ClockSkewAllowance)
        {
            throw new DomainException("completed_in_future", "completedAt must not be in the future.", "completedAt");
        }

        if (plan is null || assignment is null || clientZone is null)
        {
            return;
        }

        var localDate = completedAt.InZone(clientZone).Date;
        if (!assignment.Covers(plan, localDate))
        {
            throw new DomainException(
                "outside_assignment_dates",
                $"completedAt falls on {localDate:yyyy-MM-dd} in the client's time zone, outside the assignment's dates.",
                "completedAt");
        }
    }
}
