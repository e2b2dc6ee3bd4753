using Clinic.Domain.Common;
using Clinic.Domain.Plans;
using Clinic.Domain.Privacy;
using NodaTime;

namespace Clinic.Domain.Completions;

/// <summary>
/// A client's report that they did not practise an assignment on a local date, and why. The reason is for the
/// therapist; the optional note is the client's own words and follows the rule of <see cref="Reader"/>.
/// </summary>
public sealed class SkipReport : Entity
{
    public const int NoteMaxLength = 1000;

    private SkipReport(Guid id)
        : base(id)
    {
    }

    public Guid PracticeId { get; private set; }

    public Guid ClientId { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public LocalDate Date { get; private set; }

    public SkipReason Reason { get; private set; }

    /// <summary>Whether the client lets staff read the note.</summary>
    public bool ShareWithTherapist { get; private set; }

    public Instant ReportedAt { get; private set; }

    /// <summary>The note's text; read only through <see cref="NoteFor"/>.</summary>
    private string? Note { get; set; }

    public static SkipReport Report(HomeworkPlan plan, Assignment assignment, DateTimeZone clientZone, LocalDate date, SkipReason reason, string? note, bool shareWithTherapist, Instant now)
    {
        if (!plan.AcceptsPractice)
        {
            throw new DomainException("plan_not_accepting", $"A {plan.Status.ToString().ToLowerInvariant()} plan does not take skip reports.", "assignmentId");
        }

        if (date > now.InZone(clientZone).Date)
        {
            throw new DomainException("skip_in_future", "date must not be after today in the client's time zone.", "date");
        }

        if (!assignment.Covers(plan, date))
        {
            throw new DomainException("outside_assignment_dates", "date lies outside the assignment's dates.", "date");
        }

        var skip = new SkipReport(NewId())
        {
            PracticeId = plan.PracticeId,
            ClientId = plan.ClientId,
            PlanId = plan.Id,
            AssignmentId = assignment.Id,
            Date = date,
            Reason = reason,
            Note = Guard.OptionalText(note, "note", NoteMaxLength),
            ShareWithTherapist = shareWithTherapist,
            ReportedAt = now,
        };
        skip.Raise(new SkipReported(skip.PracticeId, skip.ClientId, skip.PlanId, skip.AssignmentId, skip.Id, reason));
        return skip;
    }

    /// <summary>The note as <paramref name="reader"/> may see it (see <see cref="Reader"/>).</summary>
    public string? NoteFor(Reader reader) => reader.See(ClientId, Note, ShareWithTherapist);
}
