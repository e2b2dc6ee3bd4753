using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// Every endpoint of the app's own route table × every role × (own resource, another of the same practice,
/// another practice's) → the status the rules promise. An endpoint added without a rule here fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private enum Target
    {
        None,
        Client,
        Plan,
        Assignment,
        Therapist,
        Integration,
        PlanExternalId,
        Completion,
        Webhook,
        Alert,
        Skip,
        MeasureResponse,
    }

    private enum Whose
    {
        Own,
        SamePracticeOther,
        OtherPractice,
    }

    private sealed record Rule(string[] Roles, Target Target, Func<World, string, object?>? Body = null, bool NeedsIdempotencyKey = false);

    private static readonly string[] Staff = [Roles.Admin, Roles.Therapist, Roles.Integration];
    private static readonly string[] ClientData = [Roles.Admin, Roles.Therapist, Roles.Integration, Roles.Client];
    private static readonly string[] Everyone = [Roles.Operator, Roles.Admin, Roles.Therapist, Roles.Integration, Roles.Client];

    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["POST /api/v1/practices"] = new([Roles.Operator], Target.None, (_, _) => new { name = "Another practice", timeZone = "Europe/Berlin" }),
        ["GET /api/v1/practices/{practiceId}"] = new([Roles.Operator], Target.None),
        ["POST /api/v1/therapists"] = new([Roles.Admin], Target.None, (_, _) => new { displayName = "New Therapist", email = $"n{Guid.NewGuid():N}@example.org" }),
        ["GET /api/v1/therapists"] = new([Roles.Admin], Target.None),
        ["GET /api/v1/therapists/{therapistId}"] = new([Roles.Admin], Target.Therapist),
        ["POST /api/v1/clients"] = new(Staff, Target.None, (w, role) => new { displayName = "New Client", timeZone = "Europe/Paris", primaryTherapistId = w.A.Therapist1 }),
        ["GET /api/v1/clients"] = new(Staff, Target.None),
        ["GET /api/v1/clients/{clientId}"] = new(ClientData, Target.Client),
        ["PATCH /api/v1/clients/{clientId}"] = new(Staff, Target.Client, (_, _) => new { timeZone = "Europe/Paris" }),
        ["GET /api/v1/exercises"] = new(Everyone, Target.None),
        ["GET /api/v1/exercises/{exerciseKey}"] = new(Everyone, Target.None),
        ["PATCH /api/v1/exercises/{exerciseKey}"] = new(Staff, Target.None, (_, _) => new { title = "Renamed" }),
        ["POST /api/v1/exercises"] = new(Staff, Target.None, (_, _) => new { key = $"k-{Guid.NewGuid():N}"[..20], title = "Custom", summary = "S", instructions = "I", defaultMinutes = 5 }),
        ["POST /api/v1/clients/{clientId}/plans"] = new(Staff, Target.Client, (_, _) => PlanBody),
        ["GET /api/v1/clients/{clientId}/plans"] = new(ClientData, Target.Client),
        ["GET /api/v1/plans/{planId}"] = new(ClientData, Target.Plan),
        ["PATCH /api/v1/plans/{planId}"] = new(Staff, Target.Plan, (_, _) => new { title = "Renamed" }),
        ["POST /api/v1/plans/{planId}/assignments"] = new(Staff, Target.Plan, (_, _) => new { exerciseKey = "soothing-touch", schedule = new { kind = "weekly", timesPerWeek = 2 } }),
        ["PATCH /api/v1/plans/{planId}/assignments/{assignmentId}"] = new(Staff, Target.Plan, (_, _) => new { instructions = "Gently." }),
        ["POST /api/v1/plans/{planId}/activate"] = new(Staff, Target.Plan),
        ["POST /api/v1/plans/{planId}/pause"] = new(Staff, Target.Plan),
        ["POST /api/v1/plans/{planId}/resume"] = new(Staff, Target.Plan),
        ["POST /api/v1/plans/{planId}/complete"] = new(Staff, Target.Plan),
        ["POST /api/v1/plans/{planId}/cancel"] = new(Staff, Target.Plan),
        ["GET /api/v1/me/plans"] = new([Roles.Client], Target.None),
        ["POST /api/v1/assignments/{assignmentId}/completions"] = new([Roles.Client], Target.Assignment, (_, _) => new { completedAt = "2026-03-09T15:00:00Z", helpfulness = 6 }, NeedsIdempotencyKey: true),
        ["GET /api/v1/assignments/{assignmentId}/completions"] = new(ClientData, Target.Assignment),
        ["POST /api/v1/assignments/{assignmentId}/skips"] = new([Roles.Client], Target.Assignment, (_, _) => new { date = "2026-03-08", reason = "forgot" }, NeedsIdempotencyKey: true),
        ["GET /api/v1/assignments/{assignmentId}/skips/{skipId}"] = new(ClientData, Target.Skip),
        ["GET /api/v1/audit"] = new([Roles.Admin], Target.None),
        ["POST /api/v1/clients/{clientId}/invitations"] = new(Staff, Target.Client),
        ["GET /api/v1/plans/{planId}/adherence"] = new(ClientData, Target.Plan),
        ["GET /api/v1/clients/{clientId}/session-prep"] = new(Staff, Target.Client),
        ["GET /api/v1/caseload"] = new([Roles.Admin, Roles.Therapist], Target.None),
        ["GET /api/v1/me/agenda"] = new([Roles.Client], Target.None),
        ["GET /api/v1/me/export"] = new([Roles.Client], Target.None),
        ["GET /api/v1/clients/{clientId}/timeline"] = new(Staff, Target.Client),
        ["GET /api/v1/me/timeline"] = new([Roles.Client], Target.None),
        ["GET /api/v1/me/reminders"] = new([Roles.Client], Target.None),
        ["GET /api/v1/me/support-now"] = new([Roles.Client], Target.None),
        ["GET /api/v1/me/reminder-preferences"] = new([Roles.Client], Target.None),
        ["PUT /api/v1/me/reminder-preferences"] = new([Roles.Client], Target.None, (_, _) => new { enabled = true, quietHours = new { start = "22:00", end = "07:00" } }),
        ["POST /api/v1/me/completions"] = new([Roles.Client], Target.None, (_, _) => new { exerciseKey = "soothing-touch", context = "in_the_moment", completedAt = "2026-03-09T15:00:00Z", distressBefore = 8 }, NeedsIdempotencyKey: true),
        ["GET /api/v1/me/completions/{completionId}"] = new([Roles.Client], Target.Completion),
        ["PATCH /api/v1/me/completions/{completionId}"] = new([Roles.Client], Target.Completion, (_, _) => new { shareWithTherapist = true }, NeedsIdempotencyKey: true),
        ["POST /api/v1/me/completions/{completionId}/void"] = new([Roles.Client], Target.Completion, NeedsIdempotencyKey: true),
        ["DELETE /api/v1/me/completions/{completionId}/reflection"] = new([Roles.Client], Target.Completion, NeedsIdempotencyKey: true),
        ["PUT /api/v1/therapists/by-external-id/{externalId}"] = new([Roles.Admin, Roles.Integration], Target.None, (_, _) => new { displayName = "EHR Therapist", email = $"e{Guid.NewGuid():N}@example.org" }),
        ["PUT /api/v1/clients/by-external-id/{externalId}"] = new([Roles.Admin, Roles.Integration], Target.None, (w, _) => new { displayName = "EHR Client", timeZone = "Europe/Paris", primaryTherapistId = w.A.Therapist1 }),
        ["PUT /api/v1/clients/{clientId}/plans/by-external-id/{externalId}"] = new(Staff, Target.Client, (_, _) => PlanBody),
        ["GET /api/v1/plans/by-external-id/{externalId}"] = new(Staff, Target.PlanExternalId),
        ["PUT /api/v1/by-external-id/therapists/{externalId}"] = new([Roles.Admin, Roles.Integration], Target.None, (_, _) => new { displayName = "EHR Therapist", email = $"e{Guid.NewGuid():N}@example.org" }),
        ["PUT /api/v1/by-external-id/clients/{externalId}"] = new([Roles.Admin, Roles.Integration], Target.None, (w, _) => new { displayName = "EHR Client", timeZone = "Europe/Paris", primaryTherapistId = w.A.Therapist1 }),
        ["GET /api/v1/by-external-id/plans/{externalId}"] = new(Staff, Target.PlanExternalId),
        ["POST /api/v1/integrations"] = new([Roles.Admin], Target.None, (_, _) => new { displayName = "Another EHR" }),
        ["GET /api/v1/integrations"] = new([Roles.Admin], Target.None),
        ["GET /api/v1/integrations/{clientId}"] = new([Roles.Admin], Target.Integration),
        ["POST /api/v1/integrations/{clientId}/secret"] = new([Roles.Admin], Target.Integration),
        ["PUT /api/v1/integrations/{clientId}/keys"] = new([Roles.Admin], Target.Integration, (_, _) => new
        {
            jwks = Clinic.Api.Tests.Tokens.ClientAssertionKeys.PublicSet(
                new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384)) { KeyId = "matrix" }),
        }),
        ["DELETE /api/v1/integrations/{clientId}"] = new([Roles.Admin], Target.Integration),
        ["GET /api/v1/practice/crisis-support"] = new(ClientData, Target.None),
        ["PUT /api/v1/practice/crisis-support"] = new([Roles.Admin], Target.None, (_, _) => new { distressThreshold = 8, resources = Array.Empty<object>() }),
        ["POST /api/v1/webhooks"] = new([Roles.Admin], Target.None, (_, _) => new { url = "https://receiver.example/hooks", eventTypes = new[] { "*" } }),
        ["GET /api/v1/webhooks"] = new([Roles.Admin], Target.None),
        ["GET /api/v1/webhooks/{webhookId}"] = new([Roles.Admin], Target.Webhook),
        ["PATCH /api/v1/webhooks/{webhookId}"] = new([Roles.Admin], Target.Webhook, (_, _) => new { description = "Renamed" }),
        ["POST /api/v1/webhooks/{webhookId}/secret"] = new([Roles.Admin], Target.Webhook),
        ["DELETE /api/v1/webhooks/{webhookId}"] = new([Roles.Admin], Target.Webhook),
        ["GET /api/v1/webhooks/{webhookId}/deliveries"] = new([Roles.Admin], Target.Webhook),
        ["POST /api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay"] = new([Roles.Admin], Target.Webhook),
        ["GET /api/v1/measures"] = new(Everyone, Target.None),
        ["POST /api/v1/clients/{clientId}/measure-schedules"] = new(Staff, Target.Client, (_, _) => new { measureKey = "phq-9", kind = "every_n_weeks", everyWeeks = 2 }),
        ["GET /api/v1/clients/{clientId}/measure-schedules"] = new(Staff, Target.Client),
        ["GET /api/v1/clients/{clientId}/measure-schedules/{scheduleId}"] = new(Staff, Target.Client),
        ["POST /api/v1/clients/{clientId}/measure-schedules/{scheduleId}/stop"] = new(Staff, Target.Client),
        ["GET /api/v1/clients/{clientId}/measures"] = new(ClientData, Target.Client),
        ["GET /api/v1/me/measures/due"] = new([Roles.Client], Target.None),
        ["POST /api/v1/me/measures/{measureKey}/responses"] = new([Roles.Client], Target.None, (_, _) => new { answers = new[] { 1, 1, 1, 1, 1, 1, 1 }, answeredAt = "2026-03-10T11:00:00Z" }, NeedsIdempotencyKey: true),
        ["GET /api/v1/me/measures/{measureKey}/responses"] = new([Roles.Client], Target.None),
        ["GET /api/v1/me/measures/{measureKey}/responses/{responseId}"] = new([Roles.Client], Target.MeasureResponse),
        ["GET /api/v1/alerts"] = new(Staff, Target.None),
        ["GET /api/v1/alerts/{alertId}"] = new(Staff, Target.Alert),
        ["POST /api/v1/alerts/{alertId}/acknowledge"] = new([Roles.Admin, Roles.Therapist], Target.Alert, (_, _) => new { note = "Called the client." }),
        ["POST /api/v1/alerts/{alertId}/resolve"] = new([Roles.Admin, Roles.Therapist], Target.Alert, (_, _) => new { note = "Safety plan reviewed." }),
    };

    private static readonly object PlanBody = new
    {
        title = "Matrix plan",
        startDate = "2026-03-02",
        endDate = "2026-03-15",
        assignments = new[] { new { exerciseKey = "self-compassion-break", schedule = new { kind = "daily", timesPerDay = 1 } } },
    };

    [Fact]
    public async Task Every_endpoint_has_an_authorisation_rule()
    {
        var missing = ApiEndpoints().Where(e => !Rules.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an authorisation rule: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_target_as_the_rules_say()
    {
        var world = await World.CreateAsync(api);
        var failures = new List<string>();
        // Deletions last, so the resources they remove have served every other endpoint first.
        foreach (var endpoint in ApiEndpoints().Where(Rules.ContainsKey).OrderBy(e => e.StartsWith("DELETE", StringComparison.Ordinal)).ThenBy(e => e, StringComparer.Ordinal))
        {
            var rule = Rules[endpoint];
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
            var pattern = endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            foreach (var role in Everyone)
            {
                var targets = rule.Target == Target.None ? [Whose.Own] : Enum.GetValues<Whose>();
                foreach (var whose in targets)
                {
                    var url = world.Resolve(pattern, rule.Target, whose);
                    var body = rule.Body?.Invoke(world, role);
                    var response = await world.As(role).SendJsonAsync(method, url, body, rule.NeedsIdempotencyKey ? Guid.NewGuid().ToString() : null, pattern.Contains("{planId}", StringComparison.Ordinal) ? "*" : null);
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    var expected = Expect(rule, role, whose);
                    var ok = expected switch
                    {
                        Expected.Forbidden => status == 403,
                        Expected.Hidden => status == 404,
                        _ => status < 500 && status is not (401 or 403 or 404) && (method != HttpMethod.Get || status == 200),
                    };
                    if (!ok)
                    {
                        failures.Add($"{endpoint} as {role} on {whose}: expected {expected}, got {status} {text[..Math.Min(200, text.Length)]}");
                    }

                    if (status >= 400 && !string.Equals(response.Content.Headers.ContentType?.MediaType, "application/problem+json", StringComparison.Ordinal))
                    {
                        failures.Add($"{endpoint} as {role} on {whose}: {status} without a problem body");
                    }

                    foreach (var foreign in world.B.Ids)
                    {
                        if (text.Contains(foreign, StringComparison.OrdinalIgnoreCase))
                        {
                            failures.Add($"{endpoint} as {role} on {whose}: the body holds another practice's id {foreign}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private enum Expected
    {
        Allowed,
        Forbidden,
        Hidden,
    }

    private static Expected Expect(Rule rule, string role, Whose whose) =>
        !rule.Roles.Contains(role) ? Expected.Forbidden
        : rule.Target == Target.None ? Expected.Allowed
        : whose == Whose.OtherPractice ? Expected.Hidden
        : whose == Whose.SamePracticeOther && role is Roles.Therapist or Roles.Client ? Expected.Hidden
        : Expected.Allowed;

    private List<string> ApiEndpoints()
    {
        _ = api.CreateClient();
        return api.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            // HEAD runs the GET's endpoint, its authorisation included (HeadAndCachingTests).
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => !Microsoft.AspNetCore.Http.HttpMethods.IsHead(m)).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .Distinct()
            .ToList();
    }

    private static string Normalise(string pattern)
    {
        var text = pattern.TrimEnd('/');
        while (text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            var close = text.IndexOf('}', colon);
            text = text[..colon] + text[close..];
        }

        return text;
    }

    /// <summary>Two practices: A (the callers' own) with two therapists and their clients and plans, and B.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, HttpClient> callers = new();

        public required Side A { get; init; }

        public required Side B { get; init; }

        public HttpClient As(string role) => callers[role];

        public static async Task<World> CreateAsync(ClinicApiFactory api)
        {
            var a = await Side.CreateAsync(api);
            var b = await Side.CreateAsync(api);
            var world = new World { A = a, B = b };
            world.callers[Roles.Operator] = api.ClientAs(Roles.Operator, "matrix-operator", null);
            world.callers[Roles.Admin] = a.Practice.Admin;
            world.callers[Roles.Integration] = a.Practice.Integration;
            world.callers[Roles.Therapist] = a.Therapist1Client;
            world.callers[Roles.Client] = a.Client1App;
            return world;
        }

        public string Resolve(string pattern, Target target, Whose whose)
        {
            var side = whose == Whose.OtherPractice ? B : A;
            var other = whose == Whose.SamePracticeOther;
            if (target == Target.Integration)
            {
                return pattern.Replace("{clientId}", other ? side.Integration2 : side.Integration1, StringComparison.Ordinal);
            }

            if (target == Target.Webhook)
            {
                return pattern
                    .Replace("{webhookId}", (other ? side.Webhook2 : side.Webhook1).ToString(), StringComparison.Ordinal)
                    .Replace("{deliveryId}", (other ? side.Delivery2 : side.Delivery1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            if (target == Target.PlanExternalId)
            {
                return pattern.Replace("{externalId}", other ? side.Plan2ExternalId : side.Plan1ExternalId, StringComparison.Ordinal);
            }

            if (target == Target.Alert)
            {
                return pattern.Replace("{alertId}", (other ? side.Alert2 : side.Alert1).ToString(), StringComparison.Ordinal);
            }

            if (target == Target.Skip)
            {
                return pattern
                    .Replace("{assignmentId}", (other ? side.Assignment2 : side.Assignment1).ToString(), StringComparison.Ordinal)
                    .Replace("{skipId}", (other ? side.Skip2 : side.Skip1).ToString(), StringComparison.Ordinal);
            }

            // The PHQ-9 answer that raised the side's alert.
            if (target == Target.MeasureResponse)
            {
                return pattern
                    .Replace("{measureKey}", "phq-9", StringComparison.Ordinal)
                    .Replace("{responseId}", (other ? side.Response2 : side.Response1).ToString(), StringComparison.Ordinal);
            }

            pattern = pattern
                .Replace("{practiceId}", A.Practice.Id.ToString(), StringComparison.Ordinal)
                .Replace("{externalId}", $"ext-{Guid.NewGuid():N}", StringComparison.Ordinal)
                .Replace("{measureKey}", "gad-7", StringComparison.Ordinal)
                .Replace("{scheduleId}", (other ? side.Schedule2 : side.Schedule1).ToString(), StringComparison.Ordinal);

            // A built-in exercise, which every caller sees and no practice may change (409).
            pattern = pattern.Replace("{exerciseKey}", "self-compassion-break", StringComparison.Ordinal);

            // Support now answers only with a distress rating.
            if (pattern.EndsWith("/me/support-now", StringComparison.Ordinal))
            {
                pattern += "?distress=9";
            }

            return pattern
                .Replace("{clientId}", (other ? side.Client2 : side.Client1).ToString(), StringComparison.Ordinal)
                .Replace("{planId}", (other ? side.Plan2 : side.Plan1).ToString(), StringComparison.Ordinal)
                .Replace("{assignmentId}", (other ? side.Assignment2 : side.Assignment1).ToString(), StringComparison.Ordinal)
                .Replace("{therapistId}", (other ? side.Therapist2 : side.Therapist1).ToString(), StringComparison.Ordinal)
                .Replace("{completionId}", (other ? side.Completion2 : side.Completion1).ToString(), StringComparison.Ordinal);
        }
    }

    private sealed class Side
    {
        public required TestPractice Practice { get; init; }

        public required Guid Therapist1 { get; init; }

        public required Guid Therapist2 { get; init; }

        public required HttpClient Therapist1Client { get; init; }

        public required Guid Client1 { get; init; }

        public required Guid Client2 { get; init; }

        public required HttpClient Client1App { get; init; }

        public required Guid Plan1 { get; init; }

        public required Guid Plan2 { get; init; }

        public required Guid Assignment1 { get; init; }

        public required Guid Assignment2 { get; init; }

        public required Guid Completion1 { get; init; }

        public required Guid Completion2 { get; init; }

        public required Guid Webhook1 { get; init; }

        public required Guid Webhook2 { get; init; }

        public required long Delivery1 { get; init; }

        public required long Delivery2 { get; init; }

        public required string Integration1 { get; init; }

        public required string Integration2 { get; init; }

        public required string Plan1ExternalId { get; init; }

        public required string Plan2ExternalId { get; init; }

        public required Guid Schedule1 { get; init; }

        public required Guid Schedule2 { get; init; }

        public required Guid Alert1 { get; init; }

        public required Guid Alert2 { get; init; }

        public required Guid Response1 { get; init; }

        public required Guid Response2 { get; init; }

        public required Guid Skip1 { get; init; }

        public required Guid Skip2 { get; init; }

        public IEnumerable<string> Ids => new[]
            {
                Practice.Id, Therapist1, Therapist2, Client1, Client2, Plan1, Plan2, Assignment1, Assignment2, Completion1, Completion2, Webhook1, Webhook2,
                Schedule1, Schedule2, Alert1, Alert2, Response1, Response2, Skip1, Skip2,
            }
            .Select(id => id.ToString()).Concat([Integration1, Integration2, Plan1ExternalId, Plan2ExternalId]);

        /// <summary>A delivery of an event to the subscription, as the dispatcher would have fanned it out.</summary>
        private static async Task<long> DeliveryAsync(ClinicApiFactory api, Guid webhookId, Guid clientId) =>
            await Database.CountAsync(
                api.ConnectionString,
                "INSERT INTO webhook_deliveries (subscription_id, outbox_id, event_id, event_type, client_id, payload, status, attempts, next_attempt_at, created_at) "
                + "VALUES (@w, 0, gen_random_uuid(), 'plan.changed', @c, '{}', 'succeeded', 1, now(), now()) RETURNING id",
                ("w", webhookId), ("c", clientId));

        private static async Task<Guid> ScheduleAsync(TestPractice practice, Guid clientId) =>
            (await (await practice.Admin.PostJsonAsync($"/api/v1/clients/{clientId}/measure-schedules", new { measureKey = "scs-sf", kind = "once" })).ReadJsonAsync())
                .GetProperty("id").GetGuid();

        /// <summary>
        /// An open safety alert of the client, raised as the client app would: a PHQ-9 whose item 9 is above 0; with
        /// that answer's id.
        /// </summary>
        private static async Task<(Guid Alert, Guid Response)> AlertAsync(TestPractice practice, HttpClient app, Guid clientId)
        {
            var answered = await app.PostJsonAsync("/api/v1/me/measures/phq-9/responses", new { answers = new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 }, answeredAt = "2026-03-10T11:00:00Z" }, idempotencyKey: Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
            var response = (await answered.ReadJsonAsync()).GetProperty("id").GetGuid();
            var page = await (await practice.Admin.GetAsync($"/api/v1/alerts?clientId={clientId}")).ReadJsonAsync();
            return (page.GetProperty("items")[0].GetProperty("id").GetGuid(), response);
        }

        /// <summary>A skip the client reported, with a note they keep to themselves.</summary>
        private static async Task<Guid> SkipAsync(HttpClient app, Guid assignmentId)
        {
            var reported = await app.PostJsonAsync($"/api/v1/assignments/{assignmentId}/skips", new { date = "2026-03-05", reason = "no_time", note = "Mine." }, idempotencyKey: Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            return (await reported.ReadJsonAsync()).GetProperty("id").GetGuid();
        }

        public static async Task<Side> CreateAsync(ClinicApiFactory api)
        {
            var practice = await TestPractice.CreateAsync(api);
            var (t1, t1Client) = await practice.AddTherapistAsync();
            var (t2, _) = await practice.AddTherapistAsync();
            var (c1, c1App) = await practice.AddClientAsync(t1.Id);
            var (c2, c2App) = await practice.AddClientAsync(t2.Id);
            var p1 = await practice.AssignPlanAsync(c1.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
            var p2 = await practice.AssignPlanAsync(c2.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
            var (e1, e2) = ($"plan-{Guid.NewGuid():N}", $"plan-{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.Created, (await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/clients/{c1.Id}/plans/by-external-id/{e1}", PlanBody)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/clients/{c2.Id}/plans/by-external-id/{e2}", PlanBody)).StatusCode);
            var k1 = await Adherence.Practise.CompleteAsync(api, c1App, p1.Assignments[0].Id, "2026-03-09T14:00:00Z", reflection: "Side one.");
            var k2 = await Adherence.Practise.CompleteAsync(api, c2App, p2.Assignments[0].Id, "2026-03-09T14:00:00Z", reflection: "Side two.");
            var w1 = (await (await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://one.example/hooks", eventTypes = new[] { "*" } })).ReadJsonAsync()).GetProperty("webhook").GetProperty("id").GetGuid();
            var w2 = (await (await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://two.example/hooks", eventTypes = new[] { "*" } })).ReadJsonAsync()).GetProperty("webhook").GetProperty("id").GetGuid();
            var i1 = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "EHR one" })).ReadJsonAsync();
            var i2 = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "EHR two" })).ReadJsonAsync();
            var (a1, r1) = await AlertAsync(practice, c1App, c1.Id);
            var (a2, r2) = await AlertAsync(practice, c2App, c2.Id);
            return new Side
            {
                Practice = practice,
                Therapist1 = t1.Id,
                Therapist2 = t2.Id,
                Therapist1Client = t1Client,
                Client1 = c1.Id,
                Client2 = c2.Id,
                Client1App = c1App,
                Plan1 = p1.Id,
                Plan2 = p2.Id,
                Assignment1 = p1.Assignments[0].Id,
                Assignment2 = p2.Assignments[0].Id,
                Webhook1 = w1,
                Webhook2 = w2,
                Delivery1 = await DeliveryAsync(api, w1, c1.Id),
                Delivery2 = await DeliveryAsync(api, w2, c2.Id),
                Completion1 = k1.GetProperty("id").GetGuid(),
                Completion2 = k2.GetProperty("id").GetGuid(),
                Integration1 = i1.GetProperty("clientId").GetString()!,
                Integration2 = i2.GetProperty("clientId").GetString()!,
                Plan1ExternalId = e1,
                Plan2ExternalId = e2,
                Schedule1 = await ScheduleAsync(practice, c1.Id),
                Schedule2 = await ScheduleAsync(practice, c2.Id),
                Alert1 = a1,
                Alert2 = a2,
                Response1 = r1,
                Response2 = r2,
                Skip1 = await SkipAsync(c1App, p1.Assignments[0].Id),
                Skip2 = await SkipAsync(c2App, p2.Assignments[0].Id),
            };
        }
    }
}
