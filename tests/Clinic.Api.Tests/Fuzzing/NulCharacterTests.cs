using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Fuzzing;

/// <summary>
/// A NUL character cannot mean anything in a request and PostgreSQL text cannot hold one. Kestrel refuses it in
/// paths and headers and the JSON readers in bodies; these are the other ways in: query parameters (also those the
/// token service looks up in the database) and form bodies. Each is a 400 naming what holds it, never a 5xx.
/// </summary>
public sealed class NulCharacterTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    /// <summary>Through the contract-checking client, so the 400 must be in the OpenAPI document of each operation, also one without parameters.</summary>
    [Theory]
    [InlineData("/connect/authorize?client_id=%00&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", "client_id")]
    [InlineData("/api/v1/clients?externalId=%00", "externalId")]
    [InlineData("/api/v1/exercises?odd%00name=1", "odd\uFFFDname")]
    [InlineData("/api/v1/me/plans?x=%00", "x")]
    public async Task A_nul_in_a_query_parameter_is_a_400_naming_it(string url, string field)
    {
        using var response = await api.Anonymous().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        AssertNoServerFault();
    }

    [Fact]
    public async Task A_nul_in_a_fhir_search_is_an_operation_outcome_at_the_parameter()
    {
        using var response = await api.Server.CreateClient().GetAsync(new Uri("/fhir/CarePlan?subject=Patient%2F%00", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Equal("subject", outcome.GetProperty("issue")[0].GetProperty("expression")[0].GetString());
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_id=%00ehr&client_secret=secret")]
    [InlineData("grant_type=%00")]
    public async Task A_nul_in_a_form_sent_to_the_token_service_is_an_oauth_invalid_request(string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await api.Server.CreateClient().PostAsync(new Uri("/connect/token", UriKind.Relative), content);

        // RFC 6749, section 5.2: the shape OAuth clients read, as for any other malformed token request.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "a token response must not be cached");
        var error = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.StartsWith("body:", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        AssertNoServerFault();
    }

    [Fact]
    public async Task A_nul_in_the_token_endpoints_query_is_an_oauth_invalid_request_naming_it()
    {
        using var content = new StringContent("grant_type=client_credentials", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await api.Server.CreateClient().PostAsync(new Uri("/connect/token?scope=%00", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.StartsWith("scope:", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    private void AssertNoServerFault() =>
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains("Unhandled", StringComparison.Ordinal) || line.Contains("22021", StringComparison.Ordinal));
}
