using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Completions;

public sealed class ReportSkipTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_client_reports_a_skipped_day_and_why()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-04", reason = "too_distressing", note = "Hard week." }, idempotencyKey: CompletionFixture.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var skip = await response.ReadAsync<JsonElement>();
        Assert.Equal($"{f.SkipsUrl}/{skip.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        Assert.Equal("2026-03-04", skip.GetProperty("date").GetString());
        Assert.Equal("too_distressing", skip.GetProperty("reason").GetString());
        Assert.Equal(f.Plan.Plan.Id, skip.GetProperty("planId").GetGuid());
    }

    [Fact]
    public async Task An_unknown_reason_and_a_malformed_date_are_a_400_naming_the_field()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var badReason = await f.App.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-04", reason = "lazy" }, idempotencyKey: CompletionFixture.NewKey());
        var badDate = await f.App.PostJsonAsync(f.SkipsUrl, new { date = "04/03/2026", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await badReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        await badDate.AssertProblemAsync(HttpStatusCode.BadRequest, "date");
    }

    [Fact]
    public async Task A_skip_without_an_idempotency_key_is_a_400_naming_the_header()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-04", reason = "forgot" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Fact]
    public async Task A_skip_for_a_future_day_is_a_422_naming_date()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-11", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "date");
    }

    [Fact]
    public async Task A_skip_before_the_plan_is_a_422_naming_date()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-01", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "date");
    }

    [Fact]
    public async Task An_unknown_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync($"/api/v1/assignments/{Guid.NewGuid()}/skips", new { date = "2026-03-04", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var (therapist, _) = await f.Plan.Practice.AddTherapistAsync();
        var (_, otherApp) = await f.Plan.Practice.AddClientAsync(therapist.Id);

        var response = await otherApp.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-04", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_assignment_is_a_404()
    {
        var f = await CompletionFixture.CreateAsync(api);
        var g = await CompletionFixture.CreateAsync(api);

        var response = await g.App.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-04", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_therapist_may_not_report_a_skip()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.Plan.Therapist.PostJsonAsync(f.SkipsUrl, new { date = "2026-03-04", reason = "forgot" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
