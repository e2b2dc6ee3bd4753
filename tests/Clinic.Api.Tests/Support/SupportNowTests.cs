using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Support;

/// <summary>
/// GET /me/support-now: the client app's "I'm struggling right now". At most three practices for right now, ranked by
/// what soothed this client before at a similar distress, then their therapist's as-needed assignments, then the
/// library's short practices for a hard moment; the crisis resources from the practice's threshold on. The clock
/// stands at 2026-03-10T12:00Z.
/// </summary>
public sealed class SupportNowTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task The_worked_example_ranks_what_helped_before_then_the_therapists_suggestion_then_quick_practices()
    {
        var (app, _) = await ClientWithHistoryAsync();

        var atNine = await SupportAsync(app, 9);
        var atSix = await SupportAsync(app, 6);
        var atTwo = await SupportAsync(app, 2);

        Assert.Equal(9, atNine.GetProperty("distress").GetInt32());
        AssertPractices(atNine, ("soften-soothe-allow", "helped_you_before"), ("self-compassion-break", "helped_you_before"), ("soothing-touch", "your_therapist_suggested"));
        AssertPractices(atSix, ("soothing-touch", "your_therapist_suggested"), ("self-compassion-break", "quick_in_the_moment"), ("soften-soothe-allow", "quick_in_the_moment"));
        AssertPractices(atTwo, ("affectionate-breathing", "helped_you_before"), ("soothing-touch", "your_therapist_suggested"), ("self-compassion-break", "quick_in_the_moment"));

        var first = atNine.GetProperty("practices")[0];
        Assert.Equal("Soften, Soothe, Allow", first.GetProperty("title").GetString());
        Assert.Equal(10, first.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Name the feeling that is here, as simply as you can.", first.GetProperty("steps")[0].GetString());
        Assert.Equal(3, first.GetProperty("pastRelief").GetProperty("uses").GetInt32());
        Assert.Equal(-3.0, first.GetProperty("pastRelief").GetProperty("meanDistressChange").GetDouble(), 12);
        Assert.Equal(-1.5, atNine.GetProperty("practices")[1].GetProperty("pastRelief").GetProperty("meanDistressChange").GetDouble(), 12);
        var suggested = atNine.GetProperty("practices")[2];
        Assert.Equal("Whenever the critic gets loud", suggested.GetProperty("instructions").GetString());
        Assert.Equal(JsonValueKind.Null, suggested.GetProperty("pastRelief").ValueKind);
        Assert.Equal(JsonValueKind.Null, atSix.GetProperty("practices")[1].GetProperty("instructions").ValueKind);
    }

    [Fact]
    public async Task A_new_client_gets_the_librarys_short_practices_for_a_hard_moment_shortest_first()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var support = await SupportAsync(app, 5);

        AssertPractices(support, ("soothing-touch", "quick_in_the_moment"), ("self-compassion-break", "quick_in_the_moment"), ("soften-soothe-allow", "quick_in_the_moment"));
        Assert.Equal([3, 5, 10], support.GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("durationMinutes").GetInt32()));
        Assert.All(support.GetProperty("practices").EnumerateArray(), p => Assert.NotEmpty(p.GetProperty("steps").EnumerateArray()));
    }

    [Fact]
    public async Task Crisis_resources_come_from_the_default_threshold_of_8_with_the_default_text()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var atSeven = await SupportAsync(app, 7);
        var atEight = await SupportAsync(app, 8);

        Assert.Equal(JsonValueKind.Null, atSeven.GetProperty("crisisResources").ValueKind);
        var resource = Assert.Single(atEight.GetProperty("crisisResources").EnumerateArray());
        Assert.StartsWith("If you are in danger", resource.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, atEight.GetProperty("practices").GetArrayLength());
    }

    [Fact]
    public async Task Crisis_resources_are_the_practices_own_from_its_own_threshold()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var set = await practice.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/practice/crisis-support", new
        {
            distressThreshold = 6,
            resources = new object[]
            {
                new { text = "Call the on-call clinician", phone = "+1 555 0100" },
                new { text = "Crisis text line", link = "https://crisis.example/text" },
            },
        });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());

        var atFive = await SupportAsync(app, 5);
        var atSix = await SupportAsync(app, 6);

        Assert.Equal(JsonValueKind.Null, atFive.GetProperty("crisisResources").ValueKind);
        var resources = atSix.GetProperty("crisisResources").EnumerateArray().ToList();
        Assert.Equal(["Call the on-call clinician", "Crisis text line"], resources.Select(r => r.GetProperty("text").GetString()));
        Assert.Equal("+1 555 0100", resources[0].GetProperty("phone").GetString());
        Assert.Equal("https://crisis.example/text", resources[1].GetProperty("link").GetString());
    }

    [Fact]
    public async Task Voided_practice_and_practice_of_another_client_are_no_history()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);
        var (_, otherApp) = await practice.AddClientAsync(therapist.Id);
        foreach (var day in new[] { 3, 4, 5 })
        {
            await Practise.LogAsync(api, otherApp, "compassionate-walking", $"2026-03-0{day}T15:00:00Z", distressBefore: 9, distressAfter: 2);
        }

        var voided = new List<Guid>();
        foreach (var day in new[] { 3, 4, 5 })
        {
            voided.Add((await Practise.LogAsync(api, app, "compassionate-walking", $"2026-03-0{day}T15:00:00Z", distressBefore: 9, distressAfter: 2)).GetProperty("id").GetGuid());
        }

        Assert.Equal("compassionate-walking", (await SupportAsync(app, 9)).GetProperty("practices")[0].GetProperty("exerciseKey").GetString());
        var response = await app.PostJsonAsync($"/api/v1/me/completions/{voided[0]}/void", new { }, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var support = await SupportAsync(app, 9);

        Assert.DoesNotContain(support.GetProperty("practices").EnumerateArray(), p => p.GetProperty("exerciseKey").GetString() == "compassionate-walking");
    }

    [Fact]
    public async Task A_retired_exercise_that_helped_is_offered_only_while_it_is_still_assigned()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", Exercises.GuidedPracticeTests.Custom("warm-hands"));
        foreach (var day in new[] { 3, 4, 5 })
        {
            await Practise.LogAsync(api, app, "warm-hands", $"2026-03-0{day}T15:00:00Z", distressBefore: 8, distressAfter: 4);
        }

        await practice.Admin.PatchJsonAsync("/api/v1/exercises/warm-hands", new { retired = true });
        var unassigned = await SupportAsync(app, 8);
        await practice.Admin.PatchJsonAsync("/api/v1/exercises/warm-hands", new { retired = false });
        var secondPlan = await practice.AssignPlanAsync(client.Id, "2026-03-09", "2026-03-15", TestPractice.Weekly(1, "warm-hands"));
        await practice.Admin.PatchJsonAsync("/api/v1/exercises/warm-hands", new { retired = true });
        var assigned = await SupportAsync(app, 8);

        Assert.DoesNotContain(unassigned.GetProperty("practices").EnumerateArray(), p => p.GetProperty("exerciseKey").GetString() == "warm-hands");
        var offered = assigned.GetProperty("practices")[0];
        Assert.Equal(("warm-hands", "helped_you_before"), (offered.GetProperty("exerciseKey").GetString(), offered.GetProperty("reason").GetString()));
        Assert.Equal(secondPlan.Assignments[0].Title, offered.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?distress=")]
    [InlineData("?distress=11")]
    [InlineData("?distress=-1")]
    [InlineData("?distress=high")]
    [InlineData("?distress=7.5")]
    public async Task A_missing_or_out_of_range_distress_is_a_400_naming_distress(string query)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.GetAsync($"/api/v1/me/support-now{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "distress");
    }

    [Fact]
    public async Task Staff_may_not_ask_for_a_clients_support()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapistApi) = await practice.AddTherapistAsync();

        await (await therapistApi.GetAsync("/api/v1/me/support-now?distress=9")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await practice.Admin.GetAsync("/api/v1/me/support-now?distress=9")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_read_is_audited_and_takes_two_round_trips_whatever_the_history()
    {
        var (app, clientId) = await ClientWithHistoryAsync();
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, newcomer) = await practice.AddClientAsync(therapist.Id);

        api.Commands.Reset();
        await SupportAsync(app, 9);
        var withHistory = api.Commands.Count;
        api.Commands.Reset();
        await SupportAsync(newcomer, 9);
        var without = api.Commands.Count;

        Assert.Equal(2, withHistory);
        Assert.Equal(2, without);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'support_now.read' AND client_id = @c", ("c", clientId)));
    }

    /// <summary>
    /// The worked example's client (ADHERENCE.md, "Support now ranking"): Soothing Touch assigned as needed, and rated
    /// practice outside the plan of five other exercises.
    /// </summary>
    private async Task<(HttpClient App, Guid ClientId)> ClientWithHistoryAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, "America/New_York");
        await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", new
        {
            exerciseKey = "soothing-touch",
            schedule = new { kind = "asNeeded" },
            instructions = "Whenever the critic gets loud",
        });

        var history = new (string Key, int Before, int After)[]
        {
            ("soften-soothe-allow", 8, 5), ("soften-soothe-allow", 9, 5), ("soften-soothe-allow", 7, 5),
            ("self-compassion-break", 9, 8), ("self-compassion-break", 8, 6), ("self-compassion-break", 10, 9), ("self-compassion-break", 7, 5),
            ("compassionate-walking", 9, 4), ("compassionate-walking", 9, 4),
            ("loving-kindness-for-ourselves", 9, 9), ("loving-kindness-for-ourselves", 8, 8), ("loving-kindness-for-ourselves", 9, 10),
            ("affectionate-breathing", 3, 0), ("affectionate-breathing", 4, 0), ("affectionate-breathing", 2, 0),
        };
        var at = Practise.Instant("2026-03-03T02:00:00Z");
        foreach (var (key, before, after) in history)
        {
            at += NodaTime.Duration.FromHours(7);
            await Practise.LogAsync(api, app, key, NodaTime.Text.InstantPattern.ExtendedIso.Format(at), distressBefore: before, distressAfter: after);
        }

        return (app, client.Id);
    }

    private static async Task<JsonElement> SupportAsync(HttpClient app, int distress) =>
        await (await app.GetAsync($"/api/v1/me/support-now?distress={distress}")).ReadAsync<JsonElement>();

    private static void AssertPractices(JsonElement support, params (string Key, string Reason)[] expected) =>
        Assert.Equal(
            expected,
            support.GetProperty("practices").EnumerateArray().Select(p => (p.GetProperty("exerciseKey").GetString()!, p.GetProperty("reason").GetString()!)));
}
