using Clinic.Api.Common.Auth;
using Clinic.Domain.Measures;
using Mediator;

namespace Clinic.Api.Features.Measures;

/// <summary>The instruments a client can be asked to complete; the same for every practice, and no client's data.</summary>
public sealed record ListInstrumentsQuery : IQuery<IReadOnlyList<InstrumentResponse>>;

public sealed class ListInstrumentsHandler(Caller caller) : IQueryHandler<ListInstrumentsQuery, IReadOnlyList<InstrumentResponse>>
{
    public ValueTask<IReadOnlyList<InstrumentResponse>> Handle(ListInstrumentsQuery query, CancellationToken cancellationToken)
    {
        caller.RequireRole([.. Roles.All]);
        return ValueTask.FromResult<IReadOnlyList<InstrumentResponse>>([.. Instruments.All.Select(InstrumentResponse.From)]);
    }
}
