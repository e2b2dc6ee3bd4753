using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Alerts;
using Clinic.Domain.Completions;
using Clinic.Domain.Practices;
using Clinic.Domain.Privacy;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// The client says they did not practise on a local date, and why, with an optional note that staff read only
/// when <see cref="ShareWithTherapist"/> is true. Sent with an Idempotency-Key.
/// </summary>
public sealed record ReportSkipCommand(LocalDate Date, SkipReason Reason, string? Note = null, bool? ShareWithTherapist = null) : ICommand<SkipResponse>
{
    [JsonIgnore]
    public Guid AssignmentId { get; init; }
}

/// <summary>
/// A skip report as its reader may see it: the note follows the rule of <see cref="Reader"/>. <see cref="CrisisResources"/>
/// is present only on the answer to the client's report that raised a safety alert.
/// </summary>
public sealed record SkipResponse(Guid Id, Guid AssignmentId, Guid PlanId, LocalDate Date, SkipReason Reason, string? Note, bool ShareWithTherapist, Instant ReportedAt)
{
    /// <summary>The practice's crisis resources, when this report raised a safety alert (a second too_distressing skip within 7 days); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CrisisResource>? CrisisResources { get; init; }

    public static SkipResponse For(SkipReport s, Reader reader) =>
        new(s.Id, s.AssignmentId, s.PlanId, s.Date, s.Reason, s.NoteFor(reader), s.ShareWithTherapist, s.ReportedAt);
}

public sealed class ReportSkipValidator : AbstractValidator<ReportSkipCommand>
{
    public ReportSkipValidator()
    {
        RuleFor(c => c.Reason).IsInEnum();
        RuleFor(c => c.Note).MaximumLength(SkipReport.NoteMaxLength);
    }
}

public sealed class ReportSkipHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, SafetyAlerts safety, IClock clock)
    : ICommandHandler<ReportSkipCommand, SkipResponse>
{
    public async ValueTask<SkipResponse> Handle(ReportSkipCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var (plan, assignment, zone) = await access.AssignmentAsync(command.AssignmentId, cancellationToken);
        var skip = SkipReport.Report(plan, assignment, zone, command.Date, command.Reason, command.Note, command.ShareWithTherapist ?? false, clock.GetCurrentInstant());
        db.SkipReports.Add(skip);
        audit.Record("skip.create", "skip", skip.Id, plan.ClientId);
        var crisisResources = await safety.AfterSkipAsync(skip, cancellationToken);
        return SkipResponse.For(skip, caller.Reader) with { CrisisResources = crisisResources };
    }
}
