using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Integrations;

/// <summary>The Location of a new integration answers, to its practice's admins, without the secret shown at registration.</summary>
public sealed class GetIntegrationTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_admin_reads_the_integration_at_its_location_as_registered_but_without_its_secret()
    {
        var practice = await TestPractice.CreateAsync(api);
        var registered = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Records system" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var integration = await registered.ReadJsonAsync();
        var secret = integration.GetProperty("clientSecret").GetString()!;

        var response = await practice.Admin.GetAsync(registered.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var read = await response.ReadJsonAsync();
        Assert.Equal(integration.GetProperty("clientId").GetString(), read.GetProperty("clientId").GetString());
        Assert.Equal("Records system", read.GetProperty("displayName").GetString());
        Assert.Equal(practice.Id, read.GetProperty("practiceId").GetGuid());
        Assert.True(!read.TryGetProperty("clientSecret", out var shown) || shown.ValueKind == JsonValueKind.Null);

        var listed = (await (await practice.Admin.GetAsync("/api/v1/integrations")).ReadAsync<JsonElement[]>())
            .Single(i => i.GetProperty("clientId").GetString() == read.GetProperty("clientId").GetString());
        Assert.True(JsonElement.DeepEquals(listed, read), $"{listed} <> {read}");
    }

    [Fact]
    public async Task Another_practices_admin_gets_a_404_and_other_roles_a_403()
    {
        var practice = await TestPractice.CreateAsync(api);
        var registered = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Records system" });
        var location = registered.Headers.Location!.OriginalString;
        var elsewhere = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        await (await elsewhere.Admin.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await practice.Admin.GetAsync("/api/v1/integrations/ehr-no-such-client")).AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var caller in new[] { practice.Integration, therapistApi, app })
        {
            await (await caller.GetAsync(location)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_revoked_integration_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var registered = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Records system" });
        var location = registered.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.NoContent, (await practice.Admin.SendJsonAsync(HttpMethod.Delete, location, null)).StatusCode);

        await (await practice.Admin.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
