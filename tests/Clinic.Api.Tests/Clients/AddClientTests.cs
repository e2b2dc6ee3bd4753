using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Clients;

public sealed class AddClientTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_adds_a_client_on_a_therapists_caseload()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();

        var response = await practice.Admin.PostJsonAsync("/api/v1/clients", new { displayName = "J. Doe", timeZone = "America/Chicago", primaryTherapistId = therapist.Id, externalId = "mrn-001" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var client = await response.ReadAsync<JsonElement>();
        Assert.Equal(therapist.Id, client.GetProperty("primaryTherapistId").GetGuid());
        Assert.Equal("America/Chicago", client.GetProperty("timeZone").GetString());
        Assert.Equal("active", client.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/clients/{client.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_therapist_adds_a_client_to_their_own_caseload()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (me, therapist) = await practice.AddTherapistAsync();

        var response = await therapist.PostJsonAsync("/api/v1/clients", new { displayName = "K", timeZone = "Europe/Berlin", primaryTherapistId = me.Id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Client_with_an_empty_name_an_unknown_zone_and_no_therapist_is_a_400_naming_each()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/clients", new { displayName = "", timeZone = "EST5", primaryTherapistId = Guid.Empty });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "displayName", "timeZone", "primaryTherapistId");
    }

    [Fact]
    public async Task A_therapist_of_another_practice_is_refused_naming_primaryTherapistId()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (theirs, _) = await other.AddTherapistAsync();

        var response = await practice.Admin.PostJsonAsync("/api/v1/clients", new { displayName = "K", timeZone = "Europe/Berlin", primaryTherapistId = theirs.Id });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "primaryTherapistId");
    }

    [Fact]
    public async Task A_second_client_with_the_same_external_id_is_a_409()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        await practice.AddClientAsync(therapist.Id, externalId: "mrn-7");

        var response = await practice.Admin.PostJsonAsync("/api/v1/clients", new { displayName = "K", timeZone = "Europe/Berlin", primaryTherapistId = therapist.Id, externalId = "mrn-7" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "externalId");
    }

    [Fact]
    public async Task A_therapist_may_not_add_a_client_to_a_colleagues_caseload()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapist) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();

        var response = await therapist.PostJsonAsync("/api/v1/clients", new { displayName = "K", timeZone = "Europe/Berlin", primaryTherapistId = colleague.Id });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_may_not_add_clients()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.PostJsonAsync("/api/v1/clients", new { displayName = "K", timeZone = "Europe/Berlin", primaryTherapistId = therapist.Id });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_without_a_practice_may_not_add_clients()
    {
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);

        var response = await operatorClient.PostJsonAsync("/api/v1/clients", new { displayName = "K", timeZone = "Europe/Berlin", primaryTherapistId = Guid.NewGuid() });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
