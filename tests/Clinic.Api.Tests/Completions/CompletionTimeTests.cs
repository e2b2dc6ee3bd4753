using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using NodaTime;

namespace Clinic.Api.Tests.Completions;

/// <summary>Local dates are taken in the client's zone (America/New_York here), across the 2026-03-08 DST change.</summary>
public sealed class CompletionTimeTests : IClassFixture<ClinicApiFactory>
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private readonly ClinicApiFactory api;

    public CompletionTimeTests(ClinicApiFactory api)
    {
        this.api = api;
        api.Clock.Reset(Now);
    }

    [Theory]
    [InlineData("2026-03-08T06:30:00Z", "2026-03-08")] // 01:30 EST, before the change
    [InlineData("2026-03-08T07:30:00Z", "2026-03-08")] // 03:30 EDT, just after it
    [InlineData("2026-03-09T03:30:00Z", "2026-03-08")] // 23:30 EDT, still the 8th locally
    [InlineData("2026-03-09T04:30:00Z", "2026-03-09")] // 00:30 EDT
    [InlineData("2026-03-03T04:30:00Z", "2026-03-02")] // 23:30 EST on the plan's first day
    public async Task The_local_date_is_the_date_in_the_clients_zone(string completedAt, string localDate)
    {
        var f = await CompletionFixture.CreateAsync(api);

        var completion = await (await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt }, idempotencyKey: CompletionFixture.NewKey())).ReadAsync<JsonElement>();

        Assert.Equal(localDate, completion.GetProperty("localDate").GetString());
        Assert.Equal(Instant.FromDateTimeOffset(DateTimeOffset.Parse(completedAt, System.Globalization.CultureInfo.InvariantCulture)), InstantOf(completion));
    }

    [Fact]
    public async Task An_offset_of_plus_05_30_is_accepted_and_means_the_same_instant()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var completion = await (await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T09:00:00+05:30" }, idempotencyKey: CompletionFixture.NewKey())).ReadAsync<JsonElement>();

        Assert.Equal(Instant.FromUtc(2026, 3, 9, 3, 30), InstantOf(completion));
        Assert.Equal("2026-03-08", completion.GetProperty("localDate").GetString());
    }

    [Theory]
    [InlineData("2026-03-02T04:59:00Z")] // 23:59 EST on 03-01, the day before the plan
    [InlineData("2026-03-16T04:30:00Z")] // 00:30 EDT on 03-16, the day after
    public async Task A_completion_outside_the_assignments_dates_is_a_422_naming_completedAt(string completedAt)
    {
        var f = await CompletionFixture.CreateAsync(api);
        api.Clock.Reset(Instant.FromUtc(2026, 3, 20, 12, 0));

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "completedAt");
    }

    [Fact]
    public async Task A_completion_outside_a_narrowed_assignments_dates_is_a_422_naming_completedAt()
    {
        var f = await CompletionFixture.CreateAsync(api, new { exerciseKey = "soothing-touch", schedule = new { kind = "daily", timesPerDay = 1 }, startDate = "2026-03-09" });

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T03:30:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "completedAt");
    }

    [Fact]
    public async Task Up_to_five_minutes_ahead_of_the_server_clock_is_accepted()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-10T12:05:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task More_than_five_minutes_ahead_of_the_server_clock_is_a_422_naming_completedAt()
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-10T08:05:01-04:00" }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "completedAt");
    }

    [Theory]
    [InlineData("2026-03-09 12:00")]
    [InlineData("2026-03-09T12:00:00")]
    [InlineData("yesterday")]
    public async Task A_completed_at_without_an_offset_or_not_a_time_is_a_400_naming_it(string completedAt)
    {
        var f = await CompletionFixture.CreateAsync(api);

        var response = await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt }, idempotencyKey: CompletionFixture.NewKey());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "completedAt");
    }

    [Fact]
    public async Task Listed_completions_carry_the_same_local_dates()
    {
        var f = await CompletionFixture.CreateAsync(api);
        await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-08T06:30:00Z" }, idempotencyKey: CompletionFixture.NewKey());
        await f.App.PostJsonAsync(f.CompletionsUrl, new { completedAt = "2026-03-09T03:30:00Z" }, idempotencyKey: CompletionFixture.NewKey());

        var listed = await (await f.Plan.Therapist.GetAsync(f.CompletionsUrl)).ReadAsync<JsonElement[]>();

        Assert.Equal(["2026-03-08", "2026-03-08"], listed.Select(c => c.GetProperty("localDate").GetString()));
    }

    private static Instant InstantOf(JsonElement completion) =>
        NodaTime.Text.InstantPattern.ExtendedIso.Parse(completion.GetProperty("completedAt").GetString()!).Value;
}
