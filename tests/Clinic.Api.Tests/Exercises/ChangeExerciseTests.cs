using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Exercises;

/// <summary>A practice revises and retires its own exercises; the shared library stays as it is.</summary>
public sealed class ChangeExerciseTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_therapist_revises_the_practices_exercise_and_absent_fields_stay()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapist) = await practice.AddTherapistAsync();
        await practice.Admin.PostJsonAsync("/api/v1/exercises", GuidedPracticeTests.Custom("warm-hands"));

        var response = await therapist.PatchJsonAsync("/api/v1/exercises/warm-hands", new { title = "Warm hands", steps = new[] { "Warm your hands.", "Rest them." }, defaultMinutes = 3 });

        var changed = await response.ReadAsync<JsonElement>();
        Assert.Equal("warm-hands", changed.GetProperty("key").GetString());
        Assert.Equal("Warm hands", changed.GetProperty("title").GetString());
        Assert.Equal(3, changed.GetProperty("defaultMinutes").GetInt32());
        Assert.Equal(["Warm your hands.", "Rest them."], changed.GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Warm hands over tired eyes.", changed.GetProperty("summary").GetString());
        Assert.Equal(["in_the_moment", "body"], changed.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_built_in_exercise_cannot_be_changed_or_retired()
    {
        var practice = await TestPractice.CreateAsync(api);

        var revise = await practice.Admin.PatchJsonAsync("/api/v1/exercises/self-compassion-break", new { title = "Our break" });
        var retire = await practice.Admin.PatchJsonAsync("/api/v1/exercises/self-compassion-break", new { retired = true });

        await revise.AssertProblemAsync(HttpStatusCode.Conflict);
        await retire.AssertProblemAsync(HttpStatusCode.Conflict);
        var read = await (await practice.Admin.GetAsync("/api/v1/exercises/self-compassion-break")).ReadAsync<JsonElement>();
        Assert.Equal("Self-Compassion Break", read.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_client_may_not_change_exercises()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", GuidedPracticeTests.Custom("not-yours"));

        var response = await app.PatchJsonAsync("/api/v1/exercises/not-yours", new { title = "Mine" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_retired_exercise_leaves_the_library_and_cannot_be_assigned_again_while_its_assignments_keep_working()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", GuidedPracticeTests.Custom("old-favourite"));
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1, "old-favourite"));

        var retired = await (await therapistApi.PatchJsonAsync("/api/v1/exercises/old-favourite", new { retired = true, title = "Renamed while retiring" })).ReadAsync<JsonElement>();

        Assert.True(retired.GetProperty("retired").GetBoolean());
        var listed = await (await therapistApi.GetAsync("/api/v1/exercises")).ReadAsync<JsonElement[]>();
        Assert.DoesNotContain(listed, e => e.GetProperty("key").GetString() == "old-favourite");
        var withRetired = await (await therapistApi.GetAsync("/api/v1/exercises?includeRetired=true")).ReadAsync<JsonElement[]>();
        Assert.Contains(withRetired, e => e.GetProperty("key").GetString() == "old-favourite" && e.GetProperty("retired").GetBoolean());

        var again = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/plans", new
        {
            title = "Another plan",
            startDate = "2026-03-16",
            endDate = "2026-03-29",
            assignments = new[] { TestPractice.Daily(1, "old-favourite") },
        });
        await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "assignments[0].exerciseKey");

        var kept = await (await therapistApi.GetAsync($"/api/v1/plans/{plan.Id}")).ReadAsync<JsonElement>();
        Assert.Equal("Kind hands", kept.GetProperty("assignments")[0].GetProperty("title").GetString());
        var logged = await Adherence.Practise.CompleteAsync(api, app, plan.Assignments[0].Id, "2026-03-09T15:00:00Z");
        Assert.Equal(plan.Assignments[0].Id, logged.GetProperty("assignmentId").GetGuid());
    }

    [Fact]
    public async Task A_retired_exercise_can_be_reinstated()
    {
        var practice = await TestPractice.CreateAsync(api);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", GuidedPracticeTests.Custom("back-again"));
        await practice.Admin.PatchJsonAsync("/api/v1/exercises/back-again", new { retired = true });

        var reinstated = await (await practice.Admin.PatchJsonAsync("/api/v1/exercises/back-again", new { retired = false })).ReadAsync<JsonElement>();

        Assert.False(reinstated.GetProperty("retired").GetBoolean());
        var listed = await (await practice.Admin.GetAsync("/api/v1/exercises")).ReadAsync<JsonElement[]>();
        Assert.Contains(listed, e => e.GetProperty("key").GetString() == "back-again");
    }
}
