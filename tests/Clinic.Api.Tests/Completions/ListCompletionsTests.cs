using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

public sealed class ListCompletionsTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Completions_are_listed_newest_first_to_the_therapist_and_the_client()
    {
        var f = await CompletionFixture.CreateAsync(api);
        foreach (var at in new[] { "2026-03-05T12:00:00Z", "2026-03-09T12:00:00Z", "2026-03-07T12:00:00Z" })
        {
            Assert.Equal(HttpStatusCode.Created, (await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = at, reflection = "ok" }, idempotencyKey: CompletionFixture.NewKey())).StatusCode);
        }

        foreach (var caller in new[] { f.Plan.Therapist, f.App, f.Plan.Practice.Admin })
        {
            var listed = await (await caller.GetAsync(f.CompletionsUrl)).ReadAsync<JsonElement[]>();
            Assert.Equal(["2026-03-09", "2026-03-07", "2026-03-05"], listed.Select(c => c.GetProperty("localDate").GetString()));
        }
    }

    [Fact]
    public async Task The_therapist_who_assigned_a_plan_still_reads_its_completions_after_a_handover()
    {
        var f = await CompletionFixture.CreateAsync(api);
        await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());
        var (successor, _) = await f.Plan.Practice.AddTherapistAsync();
        var handover = await f.Plan.Practice.Admin.PatchJsonAsync($"/api/v1/clients/{f.Plan.Plan.ClientId}", new { primaryTherapistId = successor.Id });
        Assert.Equal(HttpStatusCode.OK, handover.StatusCode);

        var listed = await (await f.Plan.Therapist.GetAsync(f.CompletionsUrl)).ReadAsync<JsonElement[]>();

        Assert.Single(listed);
    }

    [Fact]
    public async Task An_unknown_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.Plan.Therapist.GetAsync($"/api/v1/assignments/{Guid.NewGuid()}/completions");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_assignment_is_a_404_for_a_client_token()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (therapist, _) = await f.Plan.Practice.AddTherapistAsync();
        var (_, otherApp) = await f.Plan.Practice.AddClientAsync(therapist.Id);

        var response = await otherApp.GetAsync(f.CompletionsUrl);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);

        var response = await other.Admin.GetAsync(f.CompletionsUrl);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_colleagues_clients_assignment_is_a_404_for_a_therapist()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (_, colleague) = await f.Plan.Practice.AddTherapistAsync();

        var response = await colleague.GetAsync(f.CompletionsUrl);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_may_not_list_completions()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await api.ClientAs(Roles.Operator, "operator-1", null).GetAsync(f.CompletionsUrl);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
