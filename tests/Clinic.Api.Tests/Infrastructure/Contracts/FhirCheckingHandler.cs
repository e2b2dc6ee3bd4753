namespace Clinic.Api.Tests.Infrastructure.Contracts;

/// <summary>A resource the FHIR endpoints served that the FHIR R4 specification does not allow.</summary>
public sealed class FhirViolationException(string message) : Exception(message);

/// <summary>
/// Sits under every HTTP client of the test factory (and the FHIR clients of the FHIR tests) and validates each
/// resource the <c>/fhir</c> endpoints answer with, successes and OperationOutcomes alike, against the R4 base
/// specification (<see cref="FhirSpecification"/>): an error throws <see cref="FhirViolationException"/> in the
/// test that made the request.
/// </summary>
public sealed class FhirCheckingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!path.StartsWith("/fhir", StringComparison.OrdinalIgnoreCase) || mediaType is not ("application/fhir+json" or "application/json"))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (request.Method == HttpMethod.Head)
        {
            // A HEAD answer has the GET's headers and no body (RFC 9110, section 9.3.2): nothing to validate but that.
            return body.Length == 0 ? response : throw new FhirViolationException($"HEAD {request.RequestUri} answered with a body");
        }

        var errors = FhirSpecification.ErrorsIn(body);
        if (errors.Count > 0)
        {
            throw new FhirViolationException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} with a resource that breaks FHIR R4:\n  "
                + string.Join("\n  ", errors)
                + $"\nbody: {(body.Length > 600 ? body[..600] + "…" : body)}");
        }

        return response;
    }
}
