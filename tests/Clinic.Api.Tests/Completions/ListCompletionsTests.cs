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
