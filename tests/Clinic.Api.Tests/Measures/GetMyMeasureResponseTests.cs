using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Measures;

/// <summary>The Location of a client's answer to a measure answers, to that client alone, like the list of their answers.</summary>
public sealed class GetMyMeasureResponseTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private static readonly int[] Gad7 = [1, 2, 1, 0, 1, 2, 1];

    [Fact]
    public async Task The_client_reads_their_answer_at_its_location_as_the_submission_answered()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var submitted = await world.AnswerAsync("gad-7", Gad7);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var answer = await submitted.ReadJsonAsync();

        var response = await world.App.GetAsync(submitted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await response.ReadJsonAsync();
        Assert.True(JsonElement.DeepEquals(answer, read), $"{answer} <> {read}");
    }

    [Fact]
    public async Task An_answer_that_raised_an_alert_reads_without_the_crisis_resources_shown_at_the_time()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var submitted = await world.AnswerAsync("phq-9", [1, 1, 1, 1, 1, 1, 1, 1, 2]);
        var answer = await submitted.ReadJsonAsync();
        Assert.True(answer.TryGetProperty("crisisResources", out _));

        var read = await (await world.App.GetAsync(submitted.Headers.Location!.OriginalString)).ReadJsonAsync();

        Assert.False(read.TryGetProperty("crisisResources", out _));
        Assert.Equal(answer.GetProperty("id").GetGuid(), read.GetProperty("id").GetGuid());
        Assert.Equal(answer.GetProperty("score").GetDouble(), read.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Reading_an_answer_is_audited_for_the_client()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var submitted = await world.AnswerAsync("gad-7", Gad7);
        var id = (await submitted.ReadJsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await world.App.GetAsync(submitted.Headers.Location!.OriginalString)).StatusCode);

        Assert.Equal(1, await Database.CountAsync(
            api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action = 'measure_response.read' AND resource_id = @r AND client_id = @c AND role = 'client'",
            ("r", id),
            ("c", world.ClientId)));
    }

    [Fact]
    public async Task Another_client_gets_a_404_staff_a_403_and_another_measures_path_a_404()
    {
        var world = await MeasureWorld.CreateAsync(api);
        var submitted = await world.AnswerAsync("gad-7", Gad7);
        var location = submitted.Headers.Location!.OriginalString;
        var id = (await submitted.ReadJsonAsync()).GetProperty("id").GetGuid();
        var (_, otherApp) = await world.AnotherClientAsync();
        var elsewhere = await MeasureWorld.CreateAsync(api);

        await (await otherApp.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await elsewhere.App.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await world.App.GetAsync($"/api/v1/me/measures/phq-9/responses/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await world.App.GetAsync($"/api/v1/me/measures/no-such-measure/responses/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var staff in new[] { world.Therapist, world.Practice.Admin, world.Practice.Integration })
        {
            await (await staff.GetAsync(location)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }
}
