using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Plans;

namespace Clinic.Api.Tests.Privacy;

/// <summary>
/// A client with an active plan (2026-03-02..2026-03-15, one daily assignment, America/New_York) and the staff
/// who may see it, with the client's own controls over what they logged, called as the client app calls them.
/// The clock stands at 2026-03-10T12:00Z.
/// </summary>
internal sealed record PrivacyWorld(ClinicApiFactory Api, PlanFixture Plan)
{
    public HttpClient App => Plan.App;

    public Guid AssignmentId => Plan.Plan.Assignments[0].Id;

    public Guid PlanId => Plan.Plan.Id;

    public Guid ClientId => Plan.Plan.ClientId;

    /// <summary>Every staff role that may read the client's data.</summary>
    public IReadOnlyList<HttpClient> Staff => [Plan.Therapist, Plan.Practice.Admin, Plan.Practice.Integration];

    public static async Task<PrivacyWorld> CreateAsync(ClinicApiFactory api) => new(api, await PlanFixture.CreateAsync(api, TestPractice.Daily(1)));

    public async Task<Guid> CompleteAsync(string at, string? reflection = null, bool share = false, int? distressBefore = null, int? distressAfter = null) =>
        (await Practise.CompleteAsync(Api, App, AssignmentId, at, distressBefore, distressAfter, reflection, share)).GetProperty("id").GetGuid();

    public Task<HttpResponseMessage> ChangeAsync(Guid completionId, object body, string? key = null) =>
        App.PatchJsonAsync($"/api/v1/me/completions/{completionId}", body, idempotencyKey: key ?? Guid.NewGuid().ToString());

    public Task<HttpResponseMessage> EraseReflectionAsync(Guid completionId, string? key = null) =>
        App.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/completions/{completionId}/reflection", null, idempotencyKey: key ?? Guid.NewGuid().ToString());

    public Task<HttpResponseMessage> VoidAsync(Guid completionId, string? key = null, HttpClient? caller = null) =>
        (caller ?? App).PostJsonAsync($"/api/v1/me/completions/{completionId}/void", new { }, idempotencyKey: key ?? Guid.NewGuid().ToString());

    public async Task<JsonElement[]> ListAsync(HttpClient caller) =>
        await (await caller.GetAsync($"/api/v1/assignments/{AssignmentId}/completions")).ReadAsync<JsonElement[]>();

    public Task<JsonElement> SummaryAsync(HttpClient caller, string asOf = "2026-03-10T12:00:00Z") =>
        Practise.SummaryAsync(caller, PlanId, $"?asOf={asOf}");

    public async Task<JsonElement> SessionPrepAsync(HttpClient caller)
    {
        var response = await caller.GetAsync($"/api/v1/clients/{ClientId}/session-prep?asOf=2026-03-10T12:00:00Z&since=2026-03-02T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public async Task<JsonElement> CaseloadRowAsync()
    {
        var rows = await (await Plan.Therapist.GetAsync("/api/v1/caseload?asOf=2026-03-10T12:00:00Z")).ReadAsync<JsonElement[]>();
        return rows.Single(r => r.GetProperty("clientId").GetGuid() == ClientId);
    }

    public static IEnumerable<string> Flags(JsonElement element) => element.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!);

    public static IEnumerable<string?> SharedReflections(JsonElement summary) =>
        summary.GetProperty("reflectionsShared").EnumerateArray().Select(r => r.GetProperty("reflection").GetString());
}
