using Clinic.Api.Features.Clients;
using Clinic.Domain.Clients;
using Hl7.Fhir.Model;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// A client as a FHIR Patient, so that the <c>Patient/{id}</c> the CarePlans and Observations name can be resolved:
/// the id, the EHR's own id for the client (its externalId) as the identifier, the name the practice uses, whether
/// the client is in care (<c>active</c>; false once discharged). Nothing else of the client is held here. (FHIR R4 has
/// no Patient element or extension for a person's time zone: its time-zone extensions are for dates and times.)
/// </summary>
public static class PatientMapping
{
    public static Patient ToPatient(ClientResponse client)
    {
        var patient = new Patient
        {
            Id = client.Id.ToString(),
            Active = client.Status == ClientStatus.Active,
            Name = [new HumanName { Use = HumanName.NameUse.Usual, Text = client.DisplayName }],
        };
        if (client.ExternalId is { } externalId)
        {
            patient.Identifier = [new Identifier { Use = Identifier.IdentifierUse.Usual, Value = externalId }];
        }
        return patient;
    }
}
