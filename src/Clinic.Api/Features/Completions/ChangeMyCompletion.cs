using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Alerts;
using Clinic.Domain.Completions;
using Clinic.Domain.Practices;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// The client changes a completion they logged: shares its reflection with the therapist or withdraws it (any
/// time), or corrects the time, duration or ratings (within 7 days of logging it). Absent fields stay as they are.
/// Sent with an Idempotency-Key.
/// </summary>
public sealed record ChangeMyCompletionCommand(
    bool? ShareWithTherapist = null,
    Instant? CompletedAt = null,
    int? DurationMinutes = null,
    int? DistressBefore = null,
    int? DistressAfter = null,
    int? Helpfulness = null) : ICommand<CompletionResponse>
{
    [JsonIgnore]
    public Guid CompletionId { get; init; }

    public bool Corrects => CompletedAt is not null || DurationMinutes is not null || DistressBefore is not null || DistressAfter is not null || Helpfulness is not null;
}

public sealed class ChangeMyCompletionValidator : AbstractValidator<ChangeMyCompletionCommand>
{
    public ChangeMyCompletionValidator()
    {
        RuleFor(c => c.ShareWithTherapist)
            .NotNull().When(c => !c.Corrects)
            .WithMessage("Send shareWithTherapist, or a correction of completedAt, durationMinutes, distressBefore, distressAfter or helpfulness.");
        RuleFor(c => c.DurationMinutes).InclusiveBetween(0, Completion.MaxDurationMinutes);
        RuleFor(c => c.DistressBefore).InclusiveBetween(0, 10);
        RuleFor(c => c.DistressAfter).InclusiveBetween(0, 10);
        RuleFor(c => c.Helpfulness).InclusiveBetween(0, 10);
    }
}

public sealed class ChangeMyCompletionHandler(Access access, Caller caller, AuditTrail audit, SafetyAlerts safety, IClock clock)
    : ICommandHandler<ChangeMyCompletionCommand, CompletionResponse>
{
    public async ValueTask<CompletionResponse> Handle(ChangeMyCompletionCommand command, CancellationToken cancellationToken)
    {
        var completion = await access.OwnCompletionAsync(command.CompletionId, cancellationToken);
        var (plan, assignment, zone) = await access.CompletionPlaceAsync(completion, cancellationToken);
        IReadOnlyList<CrisisResource>? crisisResources = null;
        if (command.Corrects)
        {
            completion.Correct(
                plan, assignment, zone, command.CompletedAt, command.DurationMinutes, command.DistressBefore, command.DistressAfter,
                command.Helpfulness, clock.GetCurrentInstant());
            audit.Record("completion.correct", "completion", completion.Id, completion.ClientId);

            // A distress after corrected to 9 or 10 is a crisis answer like one sent at first.
            if (command.DistressAfter is not null)
            {
                crisisResources = await safety.AfterCompletionAsync(completion, cancellationToken);
            }
        }

        if (command.ShareWithTherapist is { } share)
        {
            completion.Share(share);
            audit.Record(share ? "completion.share" : "completion.withdraw", "completion", completion.Id, completion.ClientId);
        }

        return CompletionResponse.For(completion, zone, caller.Reader) with { CrisisResources = crisisResources };
    }
}
