using System.Net;
using System.Text.Json;
using Clinic.Api.Features.Plans;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

public sealed class SessionPrepTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Session_prep_sums_the_plans_since_the_last_session_and_unites_their_flags()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York", name: "Robin");
        var breathing = await AssignAsync(practice, client.Id, "2026-03-02", "2026-03-15", "2026-03-12T15:00:00Z", TestPractice.Daily(1));
        var journal = await AssignAsync(practice, client.Id, "2026-03-05", "2026-03-20", "2026-03-11T15:00:00Z", TestPractice.Daily(2, "self-compassion-journal"));
        await AssignAsync(practice, client.Id, "2026-01-05", "2026-01-20", null, TestPractice.Daily(1));

        var breathingId = breathing.Assignments.Single().Id;
        for (var day = 2; day <= 9; day++)
        {
            await Practise.CompleteAsync(api, app, breathingId, $"2026-03-{day:00}T15:00:00Z");
        }

        await Practise.CompleteAsync(api, app, breathingId, "2026-03-09T16:00:00Z", reflection: "Kinder to myself today.", shareWithTherapist: true);
        var journalId = journal.Assignments.Single().Id;
        await Practise.CompleteAsync(api, app, journalId, "2026-03-05T15:00:00Z", distressBefore: 9, distressAfter: 9);
        await Practise.CompleteAsync(api, app, journalId, "2026-03-05T20:00:00Z");

        var response = await therapistClient.GetAsync($"/api/v1/clients/{client.Id}/session-prep?asOf=2026-03-10T12:00:00Z");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var prep = await response.ReadJsonAsync();

        Assert.Equal(client.Id, prep.GetProperty("client").GetProperty("id").GetGuid());
        Assert.Equal("Robin", prep.GetProperty("client").GetProperty("displayName").GetString());
        Assert.Equal("America/New_York", prep.GetProperty("client").GetProperty("timeZone").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", prep.GetProperty("asOf").GetString());
        Assert.Equal("2026-03-03", prep.GetProperty("since").GetString());
        Assert.Equal("2026-03-11T15:00:00Z", prep.GetProperty("nextSessionAt").GetString());

        var plans = prep.GetProperty("plans").EnumerateArray().ToList();
        Assert.Equal([breathing.Id, journal.Id], plans.Select(p => p.GetProperty("planId").GetGuid()));
        Assert.Equal("2026-03-03", plans[0].GetProperty("window").GetProperty("from").GetString());
        Assert.Equal(7, plans[0].GetProperty("expected").GetInt32());
        Assert.Equal(7, plans[0].GetProperty("credited").GetInt32());
        Assert.Equal(["reflections_to_review"], Flags(plans[0]));
        Assert.Equal("2026-03-05", plans[1].GetProperty("window").GetProperty("from").GetString());
        Assert.Equal(10, plans[1].GetProperty("expected").GetInt32());
        Assert.Equal(2, plans[1].GetProperty("credited").GetInt32());
        Assert.Equal(["low_adherence", "inactive", "high_distress"], Flags(plans[1]));

        var overall = prep.GetProperty("overall");
        Assert.Equal(17, overall.GetProperty("expected").GetInt32());
        Assert.Equal(9, overall.GetProperty("credited").GetInt32());
        Assert.Equal(9.0 / 17, overall.GetProperty("adherenceRate").GetDouble(), 12);
        Assert.Equal(["low_adherence", "inactive", "high_distress", "reflections_to_review"], Flags(prep));
    }

    [Fact]
    public async Task Session_prep_without_plans_has_no_rate_and_no_next_session()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var prep = await (await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}/session-prep")).ReadAsync<JsonElement>();

        Assert.Empty(prep.GetProperty("plans").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, prep.GetProperty("overall").GetProperty("adherenceRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, prep.GetProperty("nextSessionAt").ValueKind);
        Assert.Equal("2026-03-03", prep.GetProperty("since").GetString());
    }

    [Fact]
    public async Task Client_may_not_read_their_own_session_prep()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.GetAsync($"/api/v1/clients/{client.Id}/session-prep");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("since=last-week")]
    [InlineData("since=2026-03-03")]
    [InlineData("asOf=2026-03-10T12:00:00Z&since=2026-03-10T12:00:01Z")]
    [InlineData("since=2026-03-11T00:00:00Z")]
    public async Task Bad_or_later_since_is_a_400_naming_since(string query)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await practice.Admin.GetAsync($"/api/v1/clients/{client.Id}/session-prep?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "since");
    }

    [Fact]
    public async Task Another_therapists_client_is_not_found()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, otherTherapist) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        var response = await otherTherapist.GetAsync($"/api/v1/clients/{client.Id}/session-prep");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<PlanResponse> AssignAsync(TestPractice practice, Guid clientId, string startDate, string endDate, string? nextSessionAt, object assignment)
    {
        var response = await practice.Admin.PostJsonAsync($"/api/v1/clients/{clientId}/plans", new
        {
            title = "Soothing the inner critic",
            startDate,
            endDate,
            nextSessionAt,
            assignments = new[] { assignment },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<PlanResponse>();
    }

    private static string[] Flags(JsonElement element) =>
        [.. element.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];
}
