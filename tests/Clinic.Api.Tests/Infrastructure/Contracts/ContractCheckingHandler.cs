namespace Clinic.Api.Tests.Infrastructure.Contracts;

/// <summary>An answer of the API that its own OpenAPI document does not allow.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Sits under every HTTP client of the test factory and holds each answer of the REST API to the OpenAPI document
/// the same API serves: a status, header or body the document does not allow throws
/// <see cref="ContractViolationException"/> in the test that made the request. Answers outside the document are
/// left alone: FHIR (validated against the FHIR specification instead), the OAuth2, OpenID Connect and SMART
/// endpoints, the therapist's pages (HTML) and their sign-in callbacks, health checks, the document itself, CORS
/// preflights, transport redirects to HTTPS, and the tests' own page sign-in.
/// </summary>
public sealed class ContractCheckingHandler(Func<Task<OpenApiContract>> contract) : DelegatingHandler
{
    private static readonly string[] OutsideTheDocument =
        ["/fhir", "/connect", "/.well-known", "/health", "/swagger", "/app", "/signin-oidc", "/signout-callback-oidc", PageSessionFilter.Path];

    /// <summary>Former paths the API still answers on, and the documented paths they stand for.</summary>
    private static readonly (string Former, string Documented)[] FormerPaths =
    [
        ("/api/v1/clients/by-external-id/", "/api/v1/by-external-id/clients/"),
        ("/api/v1/therapists/by-external-id/", "/api/v1/by-external-id/therapists/"),
        ("/api/v1/plans/by-external-id/", "/api/v1/by-external-id/plans/"),
    ];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        if (!IsCovered(request, response, path))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var observed = new ObservedResponse(
            request.Method.Method,
            Documented(path),
            (int)response.StatusCode,
            OpenApiContract.HeadersOf(response),
            response.Content.Headers.ContentType?.MediaType,
            body);
        var violations = (await contract()).Check(observed);
        if (violations.Count > 0)
        {
            throw new ContractViolationException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} against the OpenAPI document:\n  "
                + string.Join("\n  ", violations)
                + $"\nbody: {(body.Length > 600 ? body[..600] + "…" : body)}");
        }

        return response;
    }

    private static bool IsCovered(HttpRequestMessage request, HttpResponseMessage response, string path)
    {
        if (OutsideTheDocument.Any(prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) || request.Method == HttpMethod.Options)
        {
            return false;
        }

        // Outside Development plain HTTP is sent to HTTPS before any operation runs: transport, not the API's contract.
        var toHttps = (int)response.StatusCode is 301 or 302 or 307 or 308 && response.Headers.Location?.Scheme == Uri.UriSchemeHttps;
        return !toHttps;
    }

    private static string Documented(string path)
    {
        foreach (var (former, documented) in FormerPaths)
        {
            if (path.StartsWith(former, StringComparison.OrdinalIgnoreCase))
            {
                return documented + path[former.Length..];
            }
        }

        return path;
    }
}
