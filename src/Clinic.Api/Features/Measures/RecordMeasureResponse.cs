using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Errors;
using Clinic.Api.Features.Alerts;
using Clinic.Domain.Measures;
using Clinic.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Measures;

/// <summary>
/// Records a client's answers to a measure: the item values in item order and when they were answered. The client
/// sends their own (REST, with an Idempotency-Key); staff (an EHR through FHIR, a therapist) may enter them for a
/// client they may see (<see cref="ClientId"/>). The server scores them; a PHQ-9 whose item 9 is above 0 opens a
/// safety alert, and the client's own submission then carries the practice's crisis resources.
/// </summary>
public sealed record RecordMeasureResponseCommand(IReadOnlyList<int> Answers, Instant AnsweredAt) : ICommand<MeasureResponseResult>
{
    [JsonIgnore]
    public string MeasureKey { get; init; } = "";

    /// <summary>The client the answers are entered for; null for the signed-in client's own.</summary>
    [JsonIgnore]
    public Guid? ClientId { get; init; }
}

public sealed class RecordMeasureResponseValidator : AbstractValidator<RecordMeasureResponseCommand>
{
    public RecordMeasureResponseValidator()
    {
        // An unknown measure is not found (404): only a known one's answers are checked here.
        When(c => Instruments.IsKnown(c.MeasureKey) && c.Answers is not null, () =>
        {
            RuleFor(c => c.Answers)
                .Must((c, answers) => answers.Count <= Instruments.Find(c.MeasureKey)!.Items.Count)
                .WithMessage((c, answers) => $"The {Instruments.Find(c.MeasureKey)!.Name} has {Instruments.Find(c.MeasureKey)!.Items.Count} items; {answers.Count} answers were sent.");
            RuleFor(c => c).Custom((c, context) =>
            {
                var instrument = Instruments.Find(c.MeasureKey)!;
                for (var index = 0; index < instrument.Items.Count; index++)
                {
                    var field = $"answers[{index}]";
                    if (index >= c.Answers.Count)
                    {
                        context.AddFailure(field, $"Item {index + 1} of the {instrument.Name} needs an answer: every item is required.");
                    }
                    else if (!instrument.Accepts(c.Answers[index]))
                    {
                        context.AddFailure(field, $"Item {index + 1} of the {instrument.Name} takes a whole number from {instrument.MinValue} to {instrument.MaxValue}.");
                    }
                }
            });
        });
    }
}

public sealed class RecordMeasureResponseHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit, SafetyAlerts safety, IClock clock)
    : ICommandHandler<RecordMeasureResponseCommand, MeasureResponseResult>
{
    public async ValueTask<MeasureResponseResult> Handle(RecordMeasureResponseCommand command, CancellationToken cancellationToken)
    {
        var (clientId, source) = command.ClientId switch
        {
            null => Own(),
            { } id when caller.Is(Roles.Client) => id == caller.SubjectGuid ? Own() : throw new NotFoundException("client", id),
            { } id => (id, Staff()),
        };
        var instrument = Instruments.Find(command.MeasureKey) ?? throw new NotFoundException("measure", command.MeasureKey);
        var client = await access.ClientAsync(clientId, cancellationToken);
        var response = MeasureResponse.Record(client, instrument, command.Answers, command.AnsweredAt, source, caller.SubjectId, clock.GetCurrentInstant());
        db.MeasureResponses.Add(response);
        audit.Record("measure_response.create", "measure_response", response.Id, client.Id);
        var crisisResources = await safety.AfterMeasureAsync(response, cancellationToken);
        return MeasureResponseResult.From(response, client.Zone) with { CrisisResources = crisisResources };

        (Guid, MeasureSource) Own()
        {
            caller.RequireRole(Roles.Client);
            return (caller.SubjectGuid, MeasureSource.Client);
        }

        MeasureSource Staff()
        {
            caller.RequireRole(Access.StaffRoles);
            return MeasureSource.Staff;
        }
    }
}
