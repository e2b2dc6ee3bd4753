using Clinic.Domain.Common;

namespace Clinic.Domain.Clients;

public sealed record ClientDischarged(Guid PracticeId, Guid ClientId) : DomainEvent(PracticeId, ClientId)
{
    public override string Type => "client.discharged";
}
