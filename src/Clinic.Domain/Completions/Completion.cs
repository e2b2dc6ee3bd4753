using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using NodaTime;

namespace Clinic.Domain.Completions;

/// <summary>One logged practice of an assignment, with how it went. Immutable once recorded.</summary>
public sealed class Completion : Entity
{
    public const int MaxDurationMinutes = 240;
    public const int ReflectionMaxLength = 4000;

    /// <summary>Phone clocks drift; a completion may claim to be this far in the future and still be accepted.</summary>
    public static readonly Duration ClockSkewAllowance = Duration.FromMinutes(5);

    private Completion(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public Instant CompletedAt { get; private set; }

    /// <summary>Server clock when the completion first arrived (replays do not change it).</summary>
    public Instant ReceivedAt { get; private set; }

    public int? DurationMinutes { get; private set; }

    public int? DistressBefore { get; private set; }

    public int? DistressAfter { get; private set; }

    public int? Helpfulness { get; private set; }

    public string? Reflection { get; private set; }

    public bool ShareWithTherapist { get; private set; }

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
        Instant now)
    {
        if (!plan.AcceptsPractice)
        {
            throw new DomainException("plan_not_accepting", $"A {plan.Status.ToString().ToLowerInvariant()} plan does not take completions.", "assignmentId");
        }

        if (completedAt > now + ClockSkewAllowance)
        {
            throw new DomainException("completed_in_future", "completedAt must not be in the future.", "completedAt");
        }

        var localDate = completedAt.InZone(clientZone).Date;
        if (!assignment.Covers(plan, localDate))
        {
            throw new DomainException(
                "outside_assignment_dates",
                $"completedAt falls on {localDate:yyyy-MM-dd} in the client's time zone, outside the assignment's dates.",
                "completedAt");
        }

        return new Completion(NewId())
        {
            PracticeId = plan.PracticeId,
            ClientId = plan.ClientId,
            PlanId = plan.Id,
            AssignmentId = assignment.Id,
            CompletedAt = completedAt,
            ReceivedAt = now,
            DurationMinutes = Guard.Rating(durationMinutes, "durationMinutes", 0, MaxDurationMinutes),
            DistressBefore = Guard.Rating(distressBefore, "distressBefore", 0, 10),
            DistressAfter = Guard.Rating(distressAfter, "distressAfter", 0, 10),
            Helpfulness = Guard.Rating(helpfulness, "helpfulness", 0, 10),
            Reflection = Guard.OptionalText(reflection, "reflection", ReflectionMaxLength),
            ShareWithTherapist = shareWithTherapist,
        };
    }
}
