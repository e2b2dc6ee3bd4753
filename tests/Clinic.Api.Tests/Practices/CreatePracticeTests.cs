using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Practices;

public sealed class CreatePracticeTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Operator_creates_a_practice_with_its_time_zone()
    {
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);

        var response = await operatorClient.PostJsonAsync("/api/v1/practices", new { name = "Harbour Street Therapy", timeZone = "Europe/London" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var practice = await response.ReadAsync<JsonElement>();
        Assert.Equal("Harbour Street Therapy", practice.GetProperty("name").GetString());
        Assert.Equal("Europe/London", practice.GetProperty("timeZone").GetString());
        Assert.Equal($"/api/v1/practices/{practice.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Practice_without_a_name_and_with_an_unknown_time_zone_is_a_400_naming_both()
    {
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);

        var response = await operatorClient.PostJsonAsync("/api/v1/practices", new { name = "", timeZone = "Mars/Olympus_Mons" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "name", "timeZone");
    }

    [Fact]
    public async Task Practice_body_missing_required_fields_is_a_400_naming_them()
    {
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);

        var response = await operatorClient.PostJsonAsync("/api/v1/practices", new { name = "No zone" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "timeZone");
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Integration)]
    [InlineData(Roles.Client)]
    public async Task Only_an_operator_may_create_a_practice(string role)
    {
        var caller = api.ClientAs(role, Guid.NewGuid().ToString(), Guid.NewGuid());

        var response = await caller.PostJsonAsync("/api/v1/practices", new { name = "Sneaky", timeZone = "Europe/London" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
