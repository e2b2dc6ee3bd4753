using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// The client voids a completion they logged by mistake, within 7 days of logging it. It stops counting in every
/// figure from the moment it is voided (a summary as of an earlier instant still counts it), is no longer listed,
/// and its reflection is no longer shown to anyone but the client. Voiding again changes nothing.
/// </summary>
public sealed record VoidMyCompletionCommand(Guid CompletionId) : ICommand<CompletionResponse>;

public sealed class VoidMyCompletionHandler(Access access, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<VoidMyCompletionCommand, CompletionResponse>
{
    public async ValueTask<CompletionResponse> Handle(VoidMyCompletionCommand command, CancellationToken cancellationToken)
    {
        var completion = await access.OwnCompletionAsync(command.CompletionId, cancellationToken);
        var (_, _, zone) = await access.CompletionPlaceAsync(completion, cancellationToken);
        completion.Void(clock.GetCurrentInstant());
        audit.Record("completion.void", "completion", completion.Id, completion.ClientId);
        return CompletionResponse.For(completion, zone, caller.Reader);
    }
}
