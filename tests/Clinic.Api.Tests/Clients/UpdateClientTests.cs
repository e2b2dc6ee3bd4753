using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Clients;

public sealed class UpdateClientTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_moves_a_client_to_another_zone_and_therapist()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (first, _) = await practice.AddTherapistAsync();
        var (second, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(first.Id);

        var updated = await (await practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { timeZone = "Asia/Kolkata", primaryTherapistId = second.Id })).ReadAsync<JsonElement>();

        Assert.Equal("Asia/Kolkata", updated.GetProperty("timeZone").GetString());
        Assert.Equal(second.Id, updated.GetProperty("primaryTherapistId").GetGuid());
        var read = await (await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}")).ReadAsync<JsonElement>();
        Assert.Equal("Asia/Kolkata", read.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Discharging_a_client_records_when()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var updated = await (await therapistApi.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { discharge = true })).ReadAsync<JsonElement>();

        Assert.Equal("discharged", updated.GetProperty("status").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", updated.GetProperty("dischargedAt").GetString());
    }

    [Fact]
    public async Task An_unknown_zone_and_discharge_false_are_a_400_naming_both()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { timeZone = "Nowhere/Town", discharge = false });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "timeZone", "discharge");
    }

    [Fact]
    public async Task An_unknown_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PatchJsonAsync($"/api/v1/clients/{Guid.NewGuid()}", new { discharge = true });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_client_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);

        var response = await practice.Admin.PatchJsonAsync($"/api/v1/clients/{theirs.Id}", new { discharge = true });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var unchanged = await (await other.Admin.GetAsync($"/api/v1/clients/{theirs.Id}")).ReadAsync<JsonElement>();
        Assert.Equal("active", unchanged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_may_not_change_their_own_record()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { timeZone = "Europe/Paris" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
