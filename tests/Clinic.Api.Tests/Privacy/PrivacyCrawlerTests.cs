using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Privacy;

/// <summary>
/// What a client keeps private stays private, whatever route exists: distinctive private texts are seeded, then
/// every GET route of the app's route table (REST, FHIR and the pages under /app; found at run time, so a route added
/// later is crawled too) is called with the parameters it needs as every staff role and as another client (the pages
/// signed in to them, with a page session), and no answer, problem responses and HTML included, may hold any of them.
/// Nor may the logs (at their most verbose) or the audit trail.
/// </summary>
public sealed class PrivacyCrawlerTests(VerboseApiFactory fixture) : IClassFixture<VerboseApiFactory>
{
    private const string Private = "Private-Quokka-Reflection-7741";
    private const string Withdrawn = "Withdrawn-Narwhal-Reflection-3318";
    private const string Erased = "Erased-Axolotl-Reflection-9052";
    private const string Voided = "Voided-Pangolin-Reflection-2267";
    private const string PrivateNote = "Private-Okapi-SkipNote-6683";
    private const string SecondPrivateNote = "Private-Tapir-SkipNote-4410";
    private const string Shared = "Shared-Heron-Reflection-5120";
    private const string PrivateMoment = "Private-Tapir-Moment-4409";

    private static readonly string[] Secrets = [Private, Withdrawn, Erased, Voided, PrivateNote, SecondPrivateNote, PrivateMoment];

    private ClinicApiFactory Api => fixture.Api;

    [Fact]
    public async Task No_staff_role_and_no_other_client_reads_private_text_on_any_GET_route()
    {
        var world = await SeedAsync();
        var readers = new Dictionary<string, HttpClient>
        {
            ["admin"] = world.Practice.Admin,
            ["integration"] = world.Practice.Integration,
            ["therapist"] = world.Therapist,
            ["operator"] = Api.ClientAs(Roles.Operator, "operator-crawler", null),
            ["another client"] = world.OtherClientApp,
        };

        var (leaks, answered, sharedSeenBy) = await CrawlAsync(await RequestsAsync(world), readers);

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));

        // The crawl reached the data: every route it knows answered someone, and the shared reflection, which staff may read, was read.
        Assert.Contains("/api/v1/assignments/{assignmentId}/completions", answered);
        Assert.Contains("/api/v1/plans/{planId}/adherence", answered);
        Assert.Contains("/api/v1/clients/{clientId}/session-prep", answered);
        Assert.Contains("/api/v1/clients/{clientId}/timeline", answered);
        Assert.Contains("/fhir/CarePlan/{id}", answered);
        Assert.Contains("/api/v1/alerts/{alertId}", answered);
        Assert.Contains("/api/v1/clients/{clientId}/measures", answered);
        Assert.Contains("/fhir/QuestionnaireResponse/{id}", answered);
        Assert.Contains("/api/v1/assignments/{assignmentId}/skips/{skipId}", answered);
        Assert.Contains("/api/v1/clients/{clientId}/measure-schedules/{scheduleId}", answered);
        Assert.Contains("/api/v1/integrations/{clientId}", answered);
        Assert.Contains("/api/v1/practices/{practiceId}", answered);
        Assert.Contains("admin", sharedSeenBy);
        Assert.Contains("therapist", sharedSeenBy);
        Assert.DoesNotContain("another client", sharedSeenBy);
    }

    [Fact]
    public async Task No_staff_member_and_no_other_client_reads_private_text_on_any_page()
    {
        var world = await SeedAsync();
        var readers = new Dictionary<string, HttpClient>
        {
            ["therapist"] = await Api.PagesAs(Roles.Therapist, world.TherapistId.ToString(), world.Practice.Id),
            ["admin"] = await Api.PagesAs(Roles.Admin, "admin-crawler", world.Practice.Id),
            ["another client"] = await Api.PagesAs(Roles.Client, world.OtherClientId.ToString(), world.Practice.Id),
        };

        var (leaks, answered, sharedSeenBy) = await CrawlAsync(PageRequests(world), readers);

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));

        // The crawl reached the sheet and its data: the shared reflection, which staff may read, was read there.
        Assert.Contains("/app", answered);
        Assert.Contains("/app/clients/{clientId:guid}", answered);
        Assert.Contains("therapist", sharedSeenBy);
        Assert.Contains("admin", sharedSeenBy);
        Assert.DoesNotContain("another client", sharedSeenBy);
    }

    /// <summary>
    /// Every page of the route table (Razor Pages answer any method, so they carry no GET metadata), with path
    /// parameters filled as for the API, each plain and looking back over each period the sheet offers.
    /// </summary>
    private List<(string Route, string Url)> PageRequests(World world)
    {
        var pages = Api.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/app", StringComparison.Ordinal))
            .Select(e => e.RoutePattern)
            .ToList();
        Assert.Contains(pages, p => p.Parameters.Any(parameter => parameter.Name == "clientId"));

        var requests = new List<(string, string)>();
        foreach (var pattern in pages)
        {
            var route = "/" + pattern.RawText!.TrimStart('/');
            foreach (var path in FillPath(pattern, world))
            {
                var url = "/" + path.TrimStart('/');
                requests.Add((route, url));
                requests.AddRange(new[] { 7, 14, 28, 366 }.Select(days => (route, $"{url}?days={days}")));
            }
        }

        return requests;
    }

    [Fact]
    public async Task The_client_reads_what_they_kept_private_and_no_one_reads_what_they_erased()
    {
        var world = await SeedAsync();

        var own = await (await world.App.GetAsync($"/api/v1/assignments/{world.DailyId}/completions")).Content.ReadAsStringAsync();
        var export = await (await world.App.GetAsync("/api/v1/me/export")).Content.ReadAsStringAsync();

        foreach (var text in new[] { Private, Withdrawn, Shared })
        {
            Assert.Contains(text, own, StringComparison.Ordinal);
        }

        foreach (var text in new[] { Private, Withdrawn, Voided, PrivateNote, Shared, PrivateMoment })
        {
            Assert.Contains(text, export, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Erased, own, StringComparison.Ordinal);
        Assert.DoesNotContain(Erased, export, StringComparison.Ordinal);
        Assert.Equal(0, await RowsHoldingAsync(Erased));
    }

    [Fact]
    public async Task Neither_the_logs_nor_the_audit_trail_hold_any_text_a_client_wrote()
    {
        var world = await SeedAsync();
        foreach (var (_, url) in await RequestsAsync(world))
        {
            await world.Practice.Admin.GetAsync(url);
            await world.App.GetAsync(url);
        }

        var logs = Api.Logs.All;
        Assert.Contains("Debug", logs, StringComparison.Ordinal);
        foreach (var text in Secrets.Append(Shared))
        {
            Assert.DoesNotContain(text, logs, StringComparison.Ordinal);
            Assert.Equal(0, await Database.CountAsync(Api.ConnectionString, "SELECT count(*) FROM audit_events a WHERE a::text LIKE @text", ("text", $"%{text}%")));
        }
    }

    /// <summary>Rows of any table of the database that hold the text anywhere.</summary>
    private async Task<long> RowsHoldingAsync(string text)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("completions", tables);
        Assert.Contains("idempotency_records", tables);
        long rows = 0;
        foreach (var table in tables)
        {
            await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE t::text LIKE @text", connection);
            count.Parameters.AddWithValue("text", $"%{text}%");
            rows += (long)(await count.ExecuteScalarAsync())!;
        }

        return rows;
    }

    /// <summary>
    /// Every GET route of the route table, each with its path parameters filled from the seeded ids (by name, or
    /// every seeded id for a name it does not know) and, where it takes them, its query parameters: those the
    /// OpenAPI document declares for a REST route, those the CapabilityStatement declares for a FHIR search.
    /// </summary>
    private async Task<List<(string Route, string Url)>> RequestsAsync(World world)
    {
        var document = await (await Api.Anonymous().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var capability = await (await Api.Anonymous().GetAsync("/fhir/metadata")).ReadJsonAsync();
        var routes = Api.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .ToList();
        Assert.True(routes.Count > 20, $"Only {routes.Count} GET routes found.");

        var requests = new List<(string, string)>();
        foreach (var route in routes)
        {
            var template = route.RoutePattern.RawText!;
            foreach (var path in FillPath(route.RoutePattern, world))
            {
                requests.Add((template, path));
                foreach (var query in QueriesFor(template, path, document, capability, world))
                {
                    requests.Add((template, $"{path}?{query}"));
                }
            }
        }

        return requests;
    }

    private static IEnumerable<string> FillPath(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, World world)
    {
        IEnumerable<string> paths = [pattern.RawText!.TrimEnd('/')];
        foreach (var parameter in pattern.Parameters)
        {
            var values = world.ValuesFor(parameter.Name);
            var token = pattern.RawText!.Substring(pattern.RawText.IndexOf("{" + parameter.Name, StringComparison.Ordinal));
            token = token[..(token.IndexOf('}', StringComparison.Ordinal) + 1)];
            paths = paths.SelectMany(p => values.Select(v => p.Replace(token, Uri.EscapeDataString(v), StringComparison.Ordinal))).ToList();
        }

        return paths.Select(p => p.Length == 0 ? "/" : p);
    }

    private static IEnumerable<string> QueriesFor(string template, string path, JsonElement document, JsonElement capability, World world)
    {
        var names = new List<string>();
        var documented = template.TrimEnd('/');
        while (documented.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            documented = documented[..colon] + documented[documented.IndexOf('}', colon)..];
        }

        if (document.GetProperty("paths").TryGetProperty(documented, out var item) && item.TryGetProperty("get", out var get)
            && get.TryGetProperty("parameters", out var parameters))
        {
            names.AddRange(parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!));
        }

        if (path.StartsWith("/fhir/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2)
        {
            var type = path["/fhir/".Length..];
            foreach (var resource in capability.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type))
            {
                if (resource.TryGetProperty("searchParam", out var searchParams))
                {
                    names.AddRange(searchParams.EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
                }
            }
        }

        if (names.Count == 0)
        {
            yield break;
        }

        // Each variant fills every parameter; dates and instants are tried in both forms, since names do not say which.
        foreach (var variant in new[] { 0, 1 })
        {
            var pairs = names.Distinct().Select(n => (n, world.QueryValueFor(n, variant))).Where(p => p.Item2 is not null);
            yield return string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.n)}={Uri.EscapeDataString(p.Item2!)}"));
        }

        // FHIR searches by subject also take the patient's own identifier.
        if (names.Contains("subject:identifier"))
        {
            yield return $"subject:identifier={Uri.EscapeDataString(world.ClientExternalId)}";
        }
    }

    /// <summary>
    /// A practice whose client has written, over one plan: a private reflection, a reflection shared then
    /// withdrawn, one shared then erased, one shared on a completion later voided, a private note on a skip, and
    /// one shared reflection (which staff may read, so the crawl can show it reached the data).
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var practice = await TestPractice.CreateAsync(Api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var externalId = "MRN-" + Guid.NewGuid().ToString("N")[..8];
        var (client, app) = await practice.AddClientAsync(therapist.Id, externalId: externalId);
        var (colleague, _) = await practice.AddTherapistAsync();
        var (other, otherApp) = await practice.AddClientAsync(colleague.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1), TestPractice.Once("2026-03-09"));
        var daily = Practise.Assignment(plan, "self-compassion-break");
        var once = Practise.Assignment(plan, "compassionate-letter");

        var completions = new List<Guid>();
        async Task<Guid> CompleteAsync(Guid assignment, string at, string reflection, bool share)
        {
            var id = (await Practise.CompleteAsync(Api, app, assignment, at, distressBefore: 7, distressAfter: 3, reflection: reflection, shareWithTherapist: share)).GetProperty("id").GetGuid();
            completions.Add(id);
            return id;
        }

        await CompleteAsync(daily, "2026-03-05T20:00:00Z", Private, share: false);
        var withdrawn = await CompleteAsync(daily, "2026-03-06T20:00:00Z", Withdrawn, share: true);
        var erased = await CompleteAsync(daily, "2026-03-07T20:00:00Z", Erased, share: true);
        var voided = await CompleteAsync(once, "2026-03-08T20:00:00Z", Voided, share: true);
        await CompleteAsync(daily, "2026-03-09T20:00:00Z", Shared, share: true);

        await Succeeds(app.PatchJsonAsync($"/api/v1/me/completions/{withdrawn}", new { shareWithTherapist = false }, idempotencyKey: Guid.NewGuid().ToString()));
        await Succeeds(app.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/completions/{erased}/reflection", null, idempotencyKey: Guid.NewGuid().ToString()));
        await Succeeds(app.PostJsonAsync($"/api/v1/me/completions/{voided}/void", new { }, idempotencyKey: Guid.NewGuid().ToString()));
        var skips = new List<Guid> { await SkipAsync(app, daily, new { date = "2026-03-04", reason = "too_distressing", note = PrivateNote }) };

        // Practice outside any plan, in a hard moment, with a private reflection.
        var moment = await app.PostJsonAsync(
            "/api/v1/me/completions",
            new { exerciseKey = "soothing-touch", context = "in_the_moment", completedAt = "2026-03-09T07:00:00Z", distressBefore = 9, distressAfter = 6, reflection = PrivateMoment },
            idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(moment.IsSuccessStatusCode, await moment.Content.ReadAsStringAsync());
        completions.Add((await moment.ReadJsonAsync()).GetProperty("id").GetGuid());

        // A second distressing skip opens a safety alert, and a PHQ-9 with item 9 above 0 another: their causes and
        // values reach staff, the notes do not.
        skips.Add(await SkipAsync(app, daily, new { date = "2026-03-08", reason = "too_distressing", note = SecondPrivateNote }));
        var phq9 = await app.PostJsonAsync("/api/v1/me/measures/phq-9/responses", new { answers = new[] { 2, 2, 1, 1, 0, 2, 1, 0, 1 }, answeredAt = "2026-03-09T21:00:00Z" }, idempotencyKey: Guid.NewGuid().ToString());
        await Succeeds(Task.FromResult(phq9));
        var responseId = (await phq9.ReadJsonAsync()).GetProperty("id").GetGuid();
        var alerts = (await (await practice.Admin.GetAsync($"/api/v1/alerts?clientId={client.Id}")).ReadJsonAsync()).GetProperty("items");
        Assert.Equal(2, alerts.GetArrayLength());

        // What staff set up around the client, so the reads of each created thing are crawled too.
        var schedule = await practice.Admin.PostJsonAsync($"/api/v1/clients/{client.Id}/measure-schedules", new { measureKey = "gad-7", kind = "once" });
        await Succeeds(Task.FromResult(schedule));
        var integration = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Crawled EHR" });
        await Succeeds(Task.FromResult(integration));

        return new World(
            practice, therapistApi, therapist.Id, app, otherApp, client.Id, other.Id, externalId, plan.Id, [daily, once], completions,
            [.. alerts.EnumerateArray().Select(a => a.GetProperty("id").GetGuid())], [responseId], skips,
            [(await schedule.ReadJsonAsync()).GetProperty("id").GetGuid()], (await integration.ReadJsonAsync()).GetProperty("clientId").GetString()!);
    }

    private static async Task<Guid> SkipAsync(HttpClient app, Guid assignmentId, object body)
    {
        var response = await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/skips", body, idempotencyKey: Guid.NewGuid().ToString());
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Every address as every reader: which private texts any answer shows (the leaks), which routes answered someone,
    /// and who read the shared reflection.
    /// </summary>
    private static async Task<(List<string> Leaks, HashSet<string> Answered, HashSet<string> SharedSeenBy)> CrawlAsync(
        IEnumerable<(string Route, string Url)> requests, Dictionary<string, HttpClient> readers)
    {
        var leaks = new List<string>();
        var answered = new HashSet<string>();
        var sharedSeenBy = new HashSet<string>();
        foreach (var (route, url) in requests)
        {
            foreach (var (name, reader) in readers)
            {
                using var response = await reader.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    answered.Add(route);
                }

                if (body.Contains(Shared, StringComparison.Ordinal))
                {
                    sharedSeenBy.Add(name);
                }

                leaks.AddRange(Secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).Select(s => $"GET {url} as {name} ({(int)response.StatusCode}) shows {s}"));
            }
        }

        return (leaks, answered, sharedSeenBy);
    }

    private static async Task Succeeds(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private sealed record World(
        TestPractice Practice,
        HttpClient Therapist,
        Guid TherapistId,
        HttpClient App,
        HttpClient OtherClientApp,
        Guid ClientId,
        Guid OtherClientId,
        string ClientExternalId,
        Guid PlanId,
        IReadOnlyList<Guid> AssignmentIds,
        IReadOnlyList<Guid> CompletionIds,
        IReadOnlyList<Guid> AlertIds,
        IReadOnlyList<Guid> MeasureResponseIds,
        IReadOnlyList<Guid> SkipIds,
        IReadOnlyList<Guid> ScheduleIds,
        string IntegrationClientId)
    {
        public Guid DailyId => AssignmentIds[0];

        /// <summary>Values for a path parameter: the seeded ids its name asks for, or every seeded id and external id.</summary>
        public IReadOnlyList<string> ValuesFor(string name) => name switch
        {
            // An integration's OAuth client id goes by the same name; no route of a client's id takes it.
            "clientId" => [ClientId.ToString(), IntegrationClientId],
            "practiceId" => [Practice.Id.ToString()],
            "planId" => [PlanId.ToString()],
            "assignmentId" => [.. AssignmentIds.Select(a => a.ToString())],
            "completionId" => [.. CompletionIds.Select(c => c.ToString())],
            "therapistId" => [TherapistId.ToString()],
            "alertId" => [.. AlertIds.Select(a => a.ToString())],
            "skipId" => [.. SkipIds.Select(s => s.ToString())],
            "scheduleId" => [.. ScheduleIds.Select(s => s.ToString())],
            "responseId" => [.. MeasureResponseIds.Select(r => r.ToString())],
            "measureKey" => ["scs-sf", "phq-9", "gad-7"],
            _ => [
                ClientId.ToString(), PlanId.ToString(), TherapistId.ToString(), ClientExternalId, .. AssignmentIds.Select(a => a.ToString()),
                .. CompletionIds.Select(c => c.ToString()), .. AlertIds.Select(a => a.ToString()), .. MeasureResponseIds.Select(r => r.ToString()),
                "phq-9",
            ],
        };

        public string? QueryValueFor(string name, int variant) => name switch
        {
            "clientId" or "patient" => ClientId.ToString(),
            "subject" => $"Patient/{ClientId}",
            "therapistId" => TherapistId.ToString(),
            "planId" => PlanId.ToString(),
            "code" => "adherence-summary",
            "asOf" => "2026-03-10T12:00:00Z",
            "since" => "2026-03-01T00:00:00Z",
            "date" => "2026-03-09",
            "from" => variant == 0 ? "2026-03-01" : "2026-03-01T00:00:00Z",
            "to" => variant == 0 ? "2026-03-15" : "2026-03-16T00:00:00Z",
            "distress" => "9",
            "status" => "open",
            _ => null,
        };
    }
}
