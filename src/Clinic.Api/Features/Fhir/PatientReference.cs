using Clinic.Api.Features.Clients;
using Hl7.Fhir.Model;
using Mediator;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// A client named the FHIR way: by id (<c>Patient/{clientId}</c>) or by the EHR's own id, the client's externalId
/// (<c>Patient?identifier=[system|]value</c>, or a reference with <c>identifier.value</c>). The identifier system is
/// not checked: a client has one externalId. Lookups go through the client listing, so visibility and audit apply.
/// </summary>
public sealed record PatientReference(Guid? ClientId, string? ExternalId, string Path)
{
    public static PatientReference? Read(ResourceReference? reference, string path, FhirIssues issues)
    {
        if (reference is null)
        {
            issues.Invalid(path, "subject is required: reference the client as Patient/{id} or by identifier.", "required");
            return null;
        }

        if (!string.IsNullOrEmpty(reference.Reference))
        {
            const string conditional = "Patient?identifier=";
            if (reference.Reference.StartsWith(conditional, StringComparison.Ordinal))
            {
                return new PatientReference(null, IdentifierValue(Uri.UnescapeDataString(reference.Reference[conditional.Length..])), $"{path}.reference");
            }

            var (type, id) = Split(reference.Reference);
            if (type != "Patient")
            {
                issues.Unprocessable($"{path}.reference", "The subject must be a Patient (the client).", "not-supported");
                return null;
            }

            // An id that is not one of ours cannot name a client; the plan command reports it as not found.
            return new PatientReference(Guid.TryParse(id, out var clientId) ? clientId : Guid.Empty, null, $"{path}.reference");
        }

        if (!string.IsNullOrEmpty(reference.Identifier?.Value))
        {
            return new PatientReference(null, reference.Identifier.Value, $"{path}.identifier");
        }

        issues.Invalid(path, "subject needs a reference (Patient/{id}) or an identifier.", "required");
        return null;
    }

    /// <summary>The <c>subject</c> (or <c>patient</c>) search parameter: <c>Patient/{id}</c> or <c>{id}</c>; with <c>:identifier</c>, <c>[system|]value</c>.</summary>
    public static PatientReference? FromSearch(IQueryCollection query)
    {
        foreach (var name in new[] { "subject", "patient" })
        {
            if (query.TryGetValue(name + ":identifier", out var identifier) && !string.IsNullOrEmpty(identifier))
            {
                return new PatientReference(null, IdentifierValue(identifier.ToString()), name + ":identifier");
            }

            if (query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                var text = value.ToString();
                var (type, id) = text.Contains('/', StringComparison.Ordinal) ? Split(text) : ("Patient", text);
                return new PatientReference(type == "Patient" && Guid.TryParse(id, out var clientId) ? clientId : Guid.Empty, null, name);
            }
        }

        return null;
    }

    /// <summary>The type and id of a literal reference (<c>Type/id</c>, possibly absolute or versioned).</summary>
    public static (string? Type, string? Id) Split(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return (null, null);
        }

        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        if (history >= 0)
        {
            parts = parts[..history];
        }

        return parts.Length >= 2 ? (parts[^2], parts[^1]) : (null, null);
    }

    /// <summary>The client's id, or null when no visible client has the externalId.</summary>
    public async Task<Guid?> ResolveAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        if (ClientId is { } clientId)
        {
            return clientId;
        }

        var page = await mediator.Send(new ListClientsQuery(null, ExternalId, null, null, 2), cancellationToken);
        return page.Items.Count == 1 ? page.Items[0].Id : null;
    }

    private static string IdentifierValue(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? token : token[(bar + 1)..];
    }
}
