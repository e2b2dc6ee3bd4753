using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Idempotency;
using Clinic.Infrastructure.Persistence;
using Mediator;

namespace Clinic.Api.Features.Completions;

/// <summary>
/// The client erases the text of a reflection they wrote. The completion stays and still counts; the text is
/// deleted from the database, from the completion and from the answers stored for replays alike, not hidden.
/// </summary>
public sealed record EraseMyReflectionCommand(Guid CompletionId) : ICommand<CompletionResponse>;

public sealed class EraseMyReflectionHandler(ClinicDbContext db, Access access, Caller caller, AuditTrail audit)
    : ICommandHandler<EraseMyReflectionCommand, CompletionResponse>
{
    public async ValueTask<CompletionResponse> Handle(EraseMyReflectionCommand command, CancellationToken cancellationToken)
    {
        var completion = await access.OwnCompletionAsync(command.CompletionId, cancellationToken);
        var (_, _, zone) = await access.CompletionPlaceAsync(completion, cancellationToken);
        completion.EraseReflection();
        audit.Record("completion.reflection_erase", "completion", completion.Id, completion.ClientId);
        await StoredAnswers.EraseReflectionAsync(db, caller.SubjectId, completion.Id, cancellationToken);
        return CompletionResponse.For(completion, zone, caller.Reader);
    }
}
