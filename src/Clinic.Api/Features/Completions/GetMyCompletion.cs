using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Mediator;

namespace Clinic.Api.Features.Completions;

/// <summary>One completion the calling client logged, voided or not, with everything they wrote.</summary>
public sealed record GetMyCompletionQuery(Guid CompletionId) : IQuery<CompletionResponse>;

public sealed class GetMyCompletionHandler(Access access, Caller caller, AuditTrail audit)
    : IQueryHandler<GetMyCompletionQuery, CompletionResponse>
{
    public async ValueTask<CompletionResponse> Handle(GetMyCompletionQuery query, CancellationToken cancellationToken)
    {
        var completion = await access.OwnCompletionAsync(query.CompletionId, cancellationToken);
        var (_, _, zone) = await access.CompletionPlaceAsync(completion, cancellationToken);
        await audit.RecordReadAsync("completion.read", "completion", completion.Id, completion.ClientId, cancellationToken);
        return CompletionResponse.For(completion, zone, caller.Reader);
    }
}
