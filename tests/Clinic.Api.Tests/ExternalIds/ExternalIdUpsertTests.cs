using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.ExternalIds;

public sealed class ExternalIdUpsertTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Client_upsert_creates_once_then_updates_and_repeats_change_nothing()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (other, _) = await practice.AddTherapistAsync();
        var body = new { displayName = "Avery Stone", timeZone = "America/Chicago", primaryTherapistId = therapist.Id };

        var created = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/by-external-id/clients/PT-9001", body);
        var repeated = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/by-external-id/clients/PT-9001", body);
        var moved = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/by-external-id/clients/PT-9001", body with { timeZone = "Europe/Dublin", primaryTherapistId = other.Id });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var after = await moved.ReadJsonAsync();
        Assert.Equal(id, after.GetProperty("id").GetGuid());
        Assert.Equal("Europe/Dublin", after.GetProperty("timeZone").GetString());
        Assert.Equal(other.Id, after.GetProperty("primaryTherapistId").GetGuid());
        var listed = await (await practice.Admin.GetAsync("/api/v1/clients?externalId=PT-9001")).ReadJsonAsync();
        Assert.Single(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Client_upsert_names_bad_fields()
    {
        var practice = await TestPractice.CreateAsync(api);
        var response = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/by-external-id/clients/PT-1", new { displayName = "", timeZone = "Mars/Olympus", primaryTherapistId = Guid.Empty });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "displayName", "timeZone", "primaryTherapistId");
    }

    [Fact]
    public async Task Therapist_upsert_creates_then_updates_by_provider_id()
    {
        var practice = await TestPractice.CreateAsync(api);

        var created = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/by-external-id/therapists/PRV-7", new { displayName = "Dr Lee", email = "lee@example.org" });
        var updated = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/by-external-id/therapists/PRV-7", new { displayName = "Dr Jo Lee", email = "jo.lee@example.org" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var therapist = await updated.ReadJsonAsync();
        Assert.Equal((await created.ReadJsonAsync()).GetProperty("id").GetGuid(), therapist.GetProperty("id").GetGuid());
        Assert.Equal("Dr Jo Lee", therapist.GetProperty("displayName").GetString());
        Assert.Equal("PRV-7", therapist.GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task Plan_upsert_creates_then_updates_dates_and_adds_missing_assignments_only()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var url = $"/api/v1/clients/{client.Id}/plans/by-external-id/ORDER-55";
        var first = new
        {
            title = "Kindness plan",
            startDate = "2026-03-02",
            endDate = "2026-03-15",
            therapistId = therapist.Id,
            assignments = new[] { TestPractice.Daily(1) },
        };
        var second = new
        {
            title = "Kindness plan, extended",
            startDate = "2026-03-02",
            endDate = "2026-03-29",
            therapistId = therapist.Id,
            assignments = new[] { TestPractice.Daily(1), TestPractice.Weekly(2) },
        };

        var created = await practice.Integration.SendJsonAsync(HttpMethod.Put, url, first);
        var updated = await practice.Integration.SendJsonAsync(HttpMethod.Put, url, second);
        var repeated = await practice.Integration.SendJsonAsync(HttpMethod.Put, url, second);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var plan = await repeated.ReadJsonAsync();
        Assert.Equal((await created.ReadJsonAsync()).GetProperty("id").GetGuid(), plan.GetProperty("id").GetGuid());
        Assert.Equal("2026-03-29", plan.GetProperty("endDate").GetString());
        Assert.Equal("Kindness plan, extended", plan.GetProperty("title").GetString());
        Assert.Equal(2, plan.GetProperty("assignments").GetArrayLength());
        Assert.Equal((await updated.ReadJsonAsync()).GetProperty("eTag").GetString(), plan.GetProperty("eTag").GetString());

        var found = await (await practice.Integration.GetAsync("/api/v1/by-external-id/plans/ORDER-55")).ReadJsonAsync();
        Assert.Equal(plan.GetProperty("id").GetGuid(), found.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Plan_upsert_refuses_an_external_id_of_another_clients_plan()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (first, _) = await practice.AddClientAsync(therapist.Id);
        var (second, _) = await practice.AddClientAsync(therapist.Id);
        var body = new { title = "P", startDate = "2026-03-02", endDate = "2026-03-15", assignments = new[] { TestPractice.Daily(1) } };
        await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/clients/{first.Id}/plans/by-external-id/SHARED", body);

        var response = await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/clients/{second.Id}/plans/by-external-id/SHARED", body);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "externalId");
    }

    [Fact]
    public async Task The_former_by_external_id_paths_still_answer()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var body = new { title = "P", startDate = "2026-03-02", endDate = "2026-03-15", assignments = new[] { TestPractice.Daily(1) } };
        await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/clients/{client.Id}/plans/by-external-id/FORMER-1", body);

        var clientUpsert = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/clients/by-external-id/PT-FORMER", new { displayName = "Former Path", timeZone = "Europe/Paris", primaryTherapistId = therapist.Id });
        var therapistUpsert = await practice.Integration.SendJsonAsync(HttpMethod.Put, "/api/v1/therapists/by-external-id/PRV-FORMER", new { displayName = "Dr Former", email = "former@example.org" });
        var planLookup = await practice.Integration.GetAsync("/api/v1/plans/by-external-id/FORMER-1");

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK],
            [clientUpsert.StatusCode, therapistUpsert.StatusCode, planLookup.StatusCode]);
    }

    [Fact]
    public async Task Every_post_honours_an_idempotency_key()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var body = new { displayName = "Once Only", timeZone = "Europe/Paris", primaryTherapistId = therapist.Id };

        var first = await practice.Admin.PostJsonAsync("/api/v1/clients", body, idempotencyKey: "intake-1");
        var replay = await practice.Admin.PostJsonAsync("/api/v1/clients", body, idempotencyKey: "intake-1");

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetGuid(), (await replay.ReadJsonAsync()).GetProperty("id").GetGuid());
        var page = await (await practice.Admin.GetAsync($"/api/v1/clients?therapistId={therapist.Id}")).ReadJsonAsync();
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }
}
