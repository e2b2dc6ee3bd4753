using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Measures;

/// <summary>The Location of a new measure schedule answers, to the staff who may list the client's schedules.</summary>
public sealed class GetMeasureScheduleTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Staff_read_a_schedule_at_its_location_as_its_creation_answered()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (created, location) = await ScheduleAsync(world, world.Therapist);

        foreach (var staff in new[] { world.Therapist, world.Practice.Admin, world.Practice.Integration })
        {
            var response = await staff.GetAsync(location);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var read = await response.ReadJsonAsync();
            Assert.True(JsonElement.DeepEquals(created, read), $"{created} <> {read}");
        }
    }

    [Fact]
    public async Task A_stopped_schedule_reads_as_stopped()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (created, location) = await ScheduleAsync(world, world.Therapist);
        Assert.Equal(HttpStatusCode.OK, (await world.Therapist.PostJsonAsync($"{location}/stop", new { })).StatusCode);

        var read = await (await world.Therapist.GetAsync(location)).ReadJsonAsync();

        Assert.Equal(created.GetProperty("id").GetGuid(), read.GetProperty("id").GetGuid());
        Assert.Equal("stopped", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reading_a_schedule_is_audited_for_its_client()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (created, location) = await ScheduleAsync(world, world.Practice.Admin);

        Assert.Equal(HttpStatusCode.OK, (await world.Therapist.GetAsync(location)).StatusCode);

        Assert.Equal(1, await Database.CountAsync(
            api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action = 'measure_schedule.read' AND resource_id = @s AND client_id = @c AND subject_id = @t",
            ("s", created.GetProperty("id").GetGuid()),
            ("c", world.ClientId),
            ("t", world.TherapistId.ToString())));
    }

    [Fact]
    public async Task Another_therapist_another_practice_and_another_clients_path_get_a_404_and_the_client_a_403()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var (created, location) = await ScheduleAsync(world, world.Therapist);
        var (_, colleagueApi) = await world.Practice.AddTherapistAsync();
        var elsewhere = await MeasureWorld.CreateAsync(api);
        var (otherClientId, _) = await world.AnotherClientAsync();

        await (await colleagueApi.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await elsewhere.Practice.Admin.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await elsewhere.Therapist.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await world.Practice.Admin.GetAsync($"/api/v1/clients/{otherClientId}/measure-schedules/{created.GetProperty("id").GetGuid()}"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await world.App.GetAsync(location)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<(JsonElement Schedule, string Location)> ScheduleAsync(MeasureWorld world, HttpClient staff)
    {
        var response = await staff.PostJsonAsync($"/api/v1/clients/{world.ClientId}/measure-schedules", new { measureKey = "phq-9", kind = "every_n_weeks", everyWeeks = 2, startDate = "2026-03-02" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync(), response.Headers.Location!.OriginalString);
    }
}
