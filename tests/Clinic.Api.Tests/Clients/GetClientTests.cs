using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Clients;

public sealed class GetClientTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_therapist_and_the_client_themselves_read_the_client()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "Europe/Paris");

        foreach (var caller in new[] { practice.Admin, practice.Integration, therapistApi, app })
        {
            var read = await (await caller.GetAsync($"/api/v1/clients/{client.Id}")).ReadAsync<JsonElement>();
            Assert.Equal(client.Id, read.GetProperty("id").GetGuid());
            Assert.Equal("Europe/Paris", read.GetProperty("timeZone").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync($"/api/v1/clients/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);

        var response = await practice.Admin.GetAsync($"/api/v1/clients/{theirs.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_colleagues_client_is_a_404_for_a_therapist()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapistApi) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (theirs, _) = await practice.AddClientAsync(colleague.Id);

        var response = await therapistApi.GetAsync($"/api/v1/clients/{theirs.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_client_is_a_404_for_a_client_token()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var (someoneElse, _) = await practice.AddClientAsync(therapist.Id);

        var response = await app.GetAsync($"/api/v1/clients/{someoneElse.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_may_not_read_client_data()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await api.ClientAs(Roles.Operator, "operator-1", null).GetAsync($"/api/v1/clients/{client.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
