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
/// The client logs a practice of an assignment: when, how long, distress before and after (0..10), how helpful
/// (0..10), an optional reflection they may share with their therapist, and whether it was their homework or a hard
/// moment (<see cref="Context"/>; by default scheduled, or in_the_moment for an as-needed assignment). Sent with an Idempotency-Key, so retries from a phone on a bad
/// network are stored once.
/// </summary>
public sealed record SubmitCompletionCommand(
    Instant CompletedAt,
    int? DurationMinutes = null,
    int? DistressBefore = null,
    int? DistressAfter = null,
    int? Helpfulness = null,
    string? Reflection = null,
    bool? ShareWithTherapist = null,
    CompletionContext? Context = null) : ICommand<CompletionResponse>
{
    [JsonIgnore]
    public Guid AssignmentId { get; init; }
}

/// <summary>
/// A completion as its reader may see it: <see cref="Reflection"/> is null for staff unless the client shares it
/// (see <see cref="Reader"/>); the client always reads their own. <see cref="AssignmentId"/> and
/// <see cref="PlanId"/> are null for practice outside any plan. <see cref="CrisisResources"/> is present only on the
/// answer to the client's submission or correction that raised a safety alert.
/// </summary>
public sealed record CompletionResponse(
    Guid Id,
    Guid? AssignmentId,
    Guid? PlanId,
    string ExerciseKey,
    CompletionContext Context,
    Instant CompletedAt,
    LocalDate LocalDate,
    Instant ReceivedAt,
    int? DurationMinutes,
    int? DistressBefore,
    int? DistressAfter,
    int? Helpfulness,
    string? Reflection,
    bool ShareWithTherapist,
    Instant? CorrectedAt,
    Instant? VoidedAt)
{
    /// <summary>The practice's crisis resources, when this submission raised a safety alert (distress after 9 or 10); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CrisisResource>? CrisisResources { get; init; }

    public static CompletionResponse For(Completion c, DateTimeZone zone, Reader reader) => new(
        c.Id, c.AssignmentId, c.PlanId, c.ExerciseKey, c.Context, c.CompletedAt, c.CompletedAt.InZone(zone).Date, c.ReceivedAt,
        c.DurationMinutes, c.DistressBefore, c.DistressAfter, c.Helpfulness, c.ReflectionFor(reader), c.ShareWithTherapist,
        c.CorrectedAt, c.VoidedAt);
}

public sealed class SubmitCompletionValidator : AbstractValidator<SubmitCompletionCommand>
{
    public SubmitCompletionValidator()
    {
        RuleFor(c => c.DurationMinutes).InclusiveBetween(0, Completion.MaxDurationMinutes);
        RuleFor(c => c.DistressBefore).InclusiveBetween(0, 10);
        RuleFor(c => c.DistressAfter).InclusiveBetween(0, 10);
        RuleFor(c => c.Helpfulness).InclusiveBetween(0, 10);
        RuleFor(c => c.Reflection).MaximumLength(Completion.ReflectionMaxLength);
        RuleFor(c => c.Context).IsInEnum();
    }
}

public sealed class SubmitCompletionHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, SafetyAlerts safety, IClock clock)
    : ICommandHandler<SubmitCompletionCommand, CompletionResponse>
{
    public async ValueTask<CompletionResponse> Handle(SubmitCompletionCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Client);
        var (plan, assignment, zone) = await access.AssignmentAsync(command.AssignmentId, cancellationToken);
        var completion = Completion.Record(
            plan, assignment, zone, command.CompletedAt, command.DurationMinutes, command.DistressBefore, command.DistressAfter,
            command.Helpfulness, command.Reflection, command.ShareWithTherapist ?? false, clock.GetCurrentInstant(), command.Context);
        db.Completions.Add(completion);
        audit.Record("completion.create", "completion", completion.Id, plan.ClientId);
        var crisisResources = await safety.AfterCompletionAsync(completion, cancellationToken);
        return CompletionResponse.For(completion, zone, caller.Reader) with { CrisisResources = crisisResources };
    }
}
