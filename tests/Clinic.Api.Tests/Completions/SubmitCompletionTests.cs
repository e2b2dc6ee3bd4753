using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

public sealed class SubmitCompletionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_client_logs_a_practice_and_gets_201_with_its_location()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new
        {
            completedAt = "2026-03-09T22:30:00-04:00",
            durationMinutes = 6,
            distressBefore = 7,
            distressAfter = 4,
            helpfulness = 8,
            reflection = "Putting a hand on my chest helped.",
            shareWithTherapist = true,
        }, idempotencyKey: CompletionFixture.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var completion = await response.ReadAsync<JsonElement>();
        var id = completion.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/me/completions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await f.App.GetAsync(response.Headers.Location)).StatusCode);
        Assert.Equal("2026-03-10T02:30:00Z", completion.GetProperty("completedAt").GetString());
        Assert.Equal("2026-03-09", completion.GetProperty("localDate").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", completion.GetProperty("receivedAt").GetString());
        Assert.Equal(f.Plan.Plan.Id, completion.GetProperty("planId").GetGuid());
        Assert.Equal((6, 7, 4, 8), (completion.GetProperty("durationMinutes").GetInt32(), completion.GetProperty("distressBefore").GetInt32(), completion.GetProperty("distressAfter").GetInt32(), completion.GetProperty("helpfulness").GetInt32()));
        Assert.True(completion.GetProperty("shareWithTherapist").GetBoolean());
        Assert.False(completion.TryGetProperty("Idempotent-Replayed", out _));
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Ratings_outside_0_to_10_and_a_negative_duration_are_a_400_naming_each()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z", durationMinutes = -1, distressBefore = 11, distressAfter = -1, helpfulness = 42 }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "durationMinutes", "distressBefore", "distressAfter", "helpfulness");
    }

    [Fact]
    public async Task A_completion_without_completed_at_is_a_400_naming_it()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { durationMinutes = 5 }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "completedAt");
    }

    [Fact]
    public async Task A_completion_without_an_idempotency_key_is_a_400_naming_the_header()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.Equal(0, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM completions WHERE assignment_id = @a", ("a", f.AssignmentId)));
    }

    [Fact]
    public async Task An_unknown_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync($"/api/v1/assignments/{Guid.NewGuid()}/completions", new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_assignment_is_a_404_and_stores_nothing()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (therapist, _) = await f.Plan.Practice.AddTherapistAsync();
        var (_, otherApp) = await f.Plan.Practice.AddClientAsync(therapist.Id);

        var response = await otherApp.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM completions WHERE assignment_id = @a", ("a", f.AssignmentId)));
    }

    [Fact]
    public async Task Another_practices_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var g = await CompletionFixture.CreateAsync(api);

        var response = await g.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_may_not_log_practice_for_a_client()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var byTherapist = await f.Plan.Therapist.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());
        var byAdmin = await f.Plan.Practice.Admin.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        await byTherapist.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_cancelled_plan_takes_no_completions()
    {
        var f = await CompletionFixture.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await f.Plan.Practice.Admin.PostAsync($"{f.Plan.Url}/cancel", null)).StatusCode);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
