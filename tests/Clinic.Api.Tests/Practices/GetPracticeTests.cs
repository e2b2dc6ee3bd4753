using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Practices;

/// <summary>The Location of a new practice answers, to operators, who create practices.</summary>
public sealed class GetPracticeTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_operator_reads_a_practice_at_its_location_as_its_creation_answered()
    {
        var creator = api.ClientAs(Roles.Operator, "operator-1", null);
        var created = await creator.PostJsonAsync("/api/v1/practices", new { name = "Quay Lane Therapy", timeZone = "Europe/Dublin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var practice = await created.ReadJsonAsync();

        var response = await api.ClientAs(Roles.Operator, "operator-2", null).GetAsync(created.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await response.ReadJsonAsync();
        Assert.True(JsonElement.DeepEquals(practice, read), $"{practice} <> {read}");
    }

    [Fact]
    public async Task An_unknown_practice_is_a_404()
    {
        var response = await api.ClientAs(Roles.Operator, "operator-1", null).GetAsync($"/api/v1/practices/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Integration)]
    [InlineData(Roles.Client)]
    public async Task Only_an_operator_may_read_a_practice_even_its_own_members_get_a_403(string role)
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await api.ClientAs(role, Guid.NewGuid().ToString(), practice.Id).GetAsync($"/api/v1/practices/{practice.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
