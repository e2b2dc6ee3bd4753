using Clinic.Domain.Clients;
using NodaTime;

namespace Clinic.Api.Features.Clients;

public sealed record ClientResponse(
    Guid Id,
    Guid PracticeId,
    Guid PrimaryTherapistId,
    string DisplayName,
    string TimeZone,
    string? ExternalId,
    ClientStatus Status,
    Instant CreatedAt,
    Instant? DischargedAt)
{
    public static ClientResponse From(Client c) =>
        new(c.Id, c.PracticeId, c.PrimaryTherapistId, c.DisplayName, c.TimeZone, c.ExternalId, c.Status, c.CreatedAt, c.DischargedAt);
}

public sealed record ClientPage(IReadOnlyList<ClientResponse> Items, string? NextCursor);
