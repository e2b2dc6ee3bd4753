using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Exercises;

public sealed class ListExercisesTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_custom_exercise_is_listed_in_its_practice_only()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var created = await practice.Admin.PostJsonAsync("/api/v1/exercises", CreateExerciseTests.Body("harbour-walk"));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        var mine = await Keys(practice.Admin);
        var mineAsClient = await Keys(app);
        var theirs = await Keys(other.Admin);

        Assert.Contains("harbour-walk", mine);
        Assert.Contains("harbour-walk", mineAsClient);
        Assert.DoesNotContain("harbour-walk", theirs);
        Assert.Contains("self-compassion-break", theirs);
    }

    private static async Task<HashSet<string?>> Keys(HttpClient caller) =>
        [.. (await (await caller.GetAsync("/api/v1/exercises")).ReadAsync<JsonElement[]>()).Select(e => e.GetProperty("key").GetString())];
}
