using System.Net;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.OpenApi;

/// <summary>
/// Every operation the document says may answer 201 sends a Location that a caller allowed to read the created thing
/// can follow: a GET of it answers 200 with what was created. An operation documented with a 201 and missing here
/// fails the first test, so a new create endpoint brings its readable Location with it.
/// </summary>
public sealed class CreatedLocationTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    /// <summary>
    /// One create: who sends what where, who reads the Location, and the part of the create's answer the read must
    /// equal (null: only the id is compared, where the answer holds a secret shown once or names something else).
    /// </summary>
    private sealed record Create(
        Func<World, HttpClient> Writer,
        Func<World, string> Url,
        Func<World, object?> Body,
        Func<World, HttpClient> Reader,
        Func<JsonElement, JsonElement>? Same = null,
        bool IdempotencyKey = false);

    private static JsonElement Whole(JsonElement body) => body;

    private static readonly object PlanBody = new
    {
        title = "Location plan",
        startDate = "2026-03-02",
        endDate = "2026-03-15",
        assignments = new[] { new { exerciseKey = "self-compassion-break", schedule = new { kind = "daily", timesPerDay = 1 } } },
    };

    private static readonly Dictionary<string, Create> Creates = new()
    {
        ["post /api/v1/practices"] = new(w => w.Operator, _ => "/api/v1/practices", _ => new { name = "Location practice", timeZone = "Europe/Oslo" }, w => w.Operator, Whole),
        ["post /api/v1/therapists"] = new(w => w.Practice.Admin, _ => "/api/v1/therapists", _ => Therapist(), w => w.Practice.Admin, Whole),
        ["put /api/v1/by-external-id/therapists/{externalId}"] = new(
            w => w.Practice.Integration, _ => $"/api/v1/by-external-id/therapists/t-{Guid.NewGuid():N}", _ => Therapist(), w => w.Practice.Admin, Whole),
        ["post /api/v1/clients"] = new(w => w.Practice.Admin, _ => "/api/v1/clients", w => Client(w), w => w.Therapist, Whole),
        ["put /api/v1/by-external-id/clients/{externalId}"] = new(
            w => w.Practice.Integration, _ => $"/api/v1/by-external-id/clients/c-{Guid.NewGuid():N}", w => Client(w), w => w.Therapist, Whole),
        ["post /api/v1/clients/{clientId}/invitations"] = new(
            w => w.Therapist, w => $"/api/v1/clients/{w.ClientId}/invitations", _ => null, w => w.Therapist),
        ["post /api/v1/exercises"] = new(
            w => w.Therapist,
            _ => "/api/v1/exercises",
            _ => new { key = $"loc-{Guid.NewGuid():N}"[..16], title = "Breathing space", summary = "Three minutes.", instructions = "Notice, gather, expand.", defaultMinutes = 3 },
            w => w.Practice.Admin,
            Whole),
        ["post /api/v1/clients/{clientId}/plans"] = new(w => w.Therapist, w => $"/api/v1/clients/{w.ClientId}/plans", _ => PlanBody, w => w.App, Whole),
        ["put /api/v1/clients/{clientId}/plans/by-external-id/{externalId}"] = new(
            w => w.Practice.Admin, w => $"/api/v1/clients/{w.ClientId}/plans/by-external-id/p-{Guid.NewGuid():N}", _ => PlanBody, w => w.Therapist, Whole),
        ["post /api/v1/assignments/{assignmentId}/completions"] = new(
            w => w.App, w => $"/api/v1/assignments/{w.AssignmentId}/completions", _ => new { completedAt = "2026-03-09T15:00:00Z", helpfulness = 6 }, w => w.App, Whole, IdempotencyKey: true),
        ["post /api/v1/assignments/{assignmentId}/skips"] = new(
            w => w.App, w => $"/api/v1/assignments/{w.AssignmentId}/skips", _ => new { date = "2026-03-08", reason = "no_time", note = "Shared.", shareWithTherapist = true }, w => w.Therapist, Whole, IdempotencyKey: true),
        ["post /api/v1/me/completions"] = new(
            w => w.App,
            _ => "/api/v1/me/completions",
            _ => new { exerciseKey = "soothing-touch", context = "in_the_moment", completedAt = "2026-03-09T15:00:00Z", distressBefore = 6 },
            w => w.App,
            Whole,
            IdempotencyKey: true),
        ["post /api/v1/clients/{clientId}/measure-schedules"] = new(
            w => w.Therapist, w => $"/api/v1/clients/{w.ClientId}/measure-schedules", _ => new { measureKey = "gad-7", kind = "every_n_weeks", everyWeeks = 2 }, w => w.Practice.Admin, Whole),
        ["post /api/v1/me/measures/{measureKey}/responses"] = new(
            w => w.App, _ => "/api/v1/me/measures/gad-7/responses", _ => new { answers = new[] { 1, 1, 1, 1, 1, 1, 1 }, answeredAt = "2026-03-10T11:00:00Z" }, w => w.App, Whole, IdempotencyKey: true),
        ["post /api/v1/integrations"] = new(w => w.Practice.Admin, _ => "/api/v1/integrations", _ => new { displayName = "Location EHR" }, w => w.Practice.Admin),
        ["post /api/v1/webhooks"] = new(
            w => w.Practice.Admin,
            _ => "/api/v1/webhooks",
            _ => new { url = "https://location.example/hooks", eventTypes = new[] { "*" } },
            w => w.Practice.Admin,
            created => created.GetProperty("webhook")),
    };

    public static TheoryData<string> CreateOperations => [.. Creates.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_operation_documented_with_a_201_is_in_the_table()
    {
        var document = await (await api.Anonymous().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("responses", out var responses) && responses.TryGetProperty("201", out _))
                .Select(operation => $"{operation.Name} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Creates.Keys.Order(StringComparer.Ordinal), documented);
    }

    [Theory]
    [MemberData(nameof(CreateOperations))]
    public async Task The_location_of_a_201_answers_200_to_a_caller_who_may_read_it(string operation)
    {
        var create = Creates[operation];
        var world = await World.CreateAsync(api);
        var method = new HttpMethod(operation[..operation.IndexOf(' ', StringComparison.Ordinal)].ToUpperInvariant());

        var response = await create.Writer(world).SendJsonAsync(method, create.Url(world), create.Body(world), create.IdempotencyKey ? Guid.NewGuid().ToString() : null);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location;
        Assert.NotNull(location);
        var created = await response.ReadJsonAsync();

        var read = await create.Reader(world).GetAsync(location);

        Assert.True(read.StatusCode == HttpStatusCode.OK, $"{operation}: GET {location} answered {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
        var body = await read.ReadJsonAsync();
        if (create.Same is { } same)
        {
            Assert.True(JsonElement.DeepEquals(same(created), body), $"{operation}: GET {location} answered {body}, the create {created}");
        }
        else
        {
            Assert.EndsWith("/" + Uri.EscapeDataString(Id(body)), location.OriginalString, StringComparison.Ordinal);
        }
    }

    /// <summary>The id by which a thing is addressed: its id, or an integration's OAuth client id.</summary>
    private static string Id(JsonElement body) =>
        body.TryGetProperty("id", out var id) ? id.GetString()! : body.GetProperty("clientId").GetString()!;

    private static object Therapist()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new { displayName = $"Therapist {suffix}", email = $"l{suffix}@example.org" };
    }

    private static object Client(World w) => new { displayName = "Location client", timeZone = "Europe/Paris", primaryTherapistId = w.TherapistId };

    /// <summary>A practice with a therapist, their client with an active daily plan (2026-03-02..2026-03-15), and an operator.</summary>
    private sealed record World(TestPractice Practice, HttpClient Operator, HttpClient Therapist, Guid TherapistId, HttpClient App, Guid ClientId, Guid AssignmentId)
    {
        public static async Task<World> CreateAsync(ClinicApiFactory api)
        {
            var practice = await TestPractice.CreateAsync(api);
            var (therapist, therapistApi) = await practice.AddTherapistAsync();
            var (client, app) = await practice.AddClientAsync(therapist.Id);
            var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
            return new World(practice, api.ClientAs(Roles.Operator, "operator-locations", null), therapistApi, therapist.Id, app, client.Id, plan.Assignments[0].Id);
        }
    }
}
