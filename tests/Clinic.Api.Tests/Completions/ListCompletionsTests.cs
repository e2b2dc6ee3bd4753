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

    [Fact]
    public async Task Pages_follow_the_Link_header_through_every_completion_once_in_order()
    {
        var f = await CompletionFixture.CreateAsync(api);
        // Two at the same instant: the cursor must order them by id as well, or a page boundary between them
        // would list one twice or lose it.
        foreach (var at in new[] { "2026-03-05T12:00:00Z", "2026-03-09T12:00:00Z", "2026-03-07T12:00:00Z", "2026-03-07T12:00:00Z", "2026-03-06T08:00:00Z" })
        {
            Assert.Equal(HttpStatusCode.Created, (await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = at }, idempotencyKey: CompletionFixture.NewKey())).StatusCode);
        }

        var whole = await (await f.Plan.Therapist.GetAsync(f.CompletionsUrl)).ReadAsync<JsonElement[]>();
        var walked = new List<string>();
        var pages = 0;
        for (string? next = $"{f.CompletionsUrl}?limit=2"; next is not null; pages++)
        {
            var response = await f.Plan.Therapist.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadAsync<JsonElement[]>();
            Assert.InRange(page.Length, 1, 2);
            walked.AddRange(page.Select(c => c.GetProperty("id").GetString()!));
            next = NextPage(response);
        }

        Assert.Equal(5, whole.Length);
        Assert.Equal(3, pages);
        Assert.Equal(whole.Select(c => c.GetProperty("id").GetString()), walked);
    }

    [Fact]
    public async Task A_list_that_fits_in_one_page_has_no_Link()
    {
        var f = await CompletionFixture.CreateAsync(api);
        await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());
        await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-10T08:00:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        var exact = await f.App.GetAsync($"{f.CompletionsUrl}?limit=2");
        var shorter = await f.App.GetAsync($"{f.CompletionsUrl}?limit=1");

        Assert.Equal(2, (await exact.ReadAsync<JsonElement[]>()).Length);
        Assert.Null(NextPage(exact));
        Assert.NotNull(NextPage(shorter));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("before=yesterday", "before")]
    public async Task A_bad_page_parameter_is_a_400_naming_it(string parameters, string field)
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.Plan.Therapist.GetAsync($"{f.CompletionsUrl}?{parameters}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_cursor_from_another_assignment_is_a_400_naming_before()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var other = await CompletionFixture.CreateAsync(api);
        var created = await (await other.App.PostJsonAsync(other.CompletionsUrl, new { completedAt = "2026-03-09T12:00:00Z" }, idempotencyKey: CompletionFixture.NewKey()))
            .ReadAsync<JsonElement>();

        var response = await f.Plan.Therapist.GetAsync($"{f.CompletionsUrl}?before={created.GetProperty("id").GetString()}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "before");
    }

    private static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var link = Assert.Single(links);
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
