using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Exercises;

public sealed class CreateExerciseTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Therapist_adds_a_custom_exercise_to_the_practice()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapist) = await practice.AddTherapistAsync();

        var response = await therapist.PostJsonAsync("/api/v1/exercises", Body("kind-morning-note"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var exercise = await response.ReadAsync<JsonElement>();
        Assert.Equal("kind-morning-note", exercise.GetProperty("key").GetString());
        Assert.False(exercise.GetProperty("builtIn").GetBoolean());
        Assert.Equal("/api/v1/exercises/kind-morning-note", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Two_practices_may_each_have_an_exercise_with_the_same_key()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);

        var first = await practice.Admin.PostJsonAsync("/api/v1/exercises", Body("shared-name"));
        var second = await other.Admin.PostJsonAsync("/api/v1/exercises", Body("shared-name"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Fact]
    public async Task A_bad_key_and_zero_minutes_are_a_400_naming_both()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", new { key = "Not A Key", title = "T", summary = "S", instructions = "I", defaultMinutes = 0 });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "key", "defaultMinutes");
    }

    [Fact]
    public async Task A_key_taken_by_the_built_in_library_is_a_409()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", Body("self-compassion-break"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "key");
    }

    [Fact]
    public async Task A_token_naming_a_practice_that_does_not_exist_is_a_403_not_a_server_error()
    {
        var stranger = api.ClientAs(Clinic.Api.Common.Auth.Roles.Admin, "admin-of-nothing", Guid.NewGuid());

        var response = await stranger.PostJsonAsync("/api/v1/exercises", Body("orphan-note"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_may_not_add_exercises()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.PostJsonAsync("/api/v1/exercises", Body("my-own"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    internal static object Body(string key) => new
    {
        key,
        title = "A kind note",
        summary = "Write yourself one kind sentence.",
        instructions = "Before getting up, write one sentence to yourself as a good friend would.",
        defaultMinutes = 5,
    };
}
