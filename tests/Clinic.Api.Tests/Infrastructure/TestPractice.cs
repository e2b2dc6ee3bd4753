using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Features.Clients;
using Clinic.Api.Features.Plans;
using Clinic.Api.Features.Practices;
using Clinic.Api.Features.Therapists;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// A practice built through the API itself: an admin, therapists and clients, with HTTP clients acting as each.
/// Every test builds what it needs; distinct practices keep tests independent inside one database.
/// </summary>
public sealed class TestPractice
{
    private readonly ClinicApiFactory api;

    private TestPractice(ClinicApiFactory api, Guid id)
    {
        this.api = api;
        Id = id;
        Admin = api.ClientAs(Roles.Admin, $"admin-{id:N}", id);
        Integration = api.ClientAs(Roles.Integration, $"ehr-{id:N}", id);
    }

    public Guid Id { get; }

    public HttpClient Admin { get; }

    public HttpClient Integration { get; }

    public static async Task<TestPractice> CreateAsync(ClinicApiFactory api, string timeZone = "America/New_York")
    {
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);
        var response = await operatorClient.PostJsonAsync("/api/v1/practices", new { name = "Practice " + Guid.NewGuid().ToString("N")[..6], timeZone });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var practice = await response.ReadAsync<PracticeResponse>();
        return new TestPractice(api, practice.Id);
    }

    /// <summary>How many refused attempts (outcome <c>denied</c>) the practice's audit trail holds among its newest 100 entries.</summary>
    public async Task<int> DenialsAsync() =>
        (await (await Admin.GetAsync("/api/v1/audit?limit=100")).ReadJsonAsync()).GetProperty("items")
            .EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "denied");

    public async Task<(TherapistResponse Therapist, HttpClient Client)> AddTherapistAsync(string? name = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var response = await Admin.PostJsonAsync("/api/v1/therapists", new { displayName = name ?? $"Therapist {suffix}", email = $"t{suffix}@example.org" });
        var therapist = await response.ReadAsync<TherapistResponse>();
        return (therapist, api.ClientAs(Roles.Therapist, therapist.Id.ToString(), Id));
    }

    public async Task<(ClientResponse Client, HttpClient App)> AddClientAsync(Guid therapistId, string timeZone = "America/New_York", string? name = null, string? externalId = null)
    {
        var response = await Admin.PostJsonAsync("/api/v1/clients", new
        {
            displayName = name ?? "Client " + Guid.NewGuid().ToString("N")[..6],
            timeZone,
            primaryTherapistId = therapistId,
            externalId,
        });
        var client = await response.ReadAsync<ClientResponse>();
        return (client, api.ClientAs(Roles.Client, client.Id.ToString(), Id));
    }

    /// <summary>Assigns a plan as the client's primary therapist (through the admin) and returns it.</summary>
    public async Task<PlanResponse> AssignPlanAsync(Guid clientId, string startDate, string endDate, params object[] assignments)
    {
        var response = await Admin.PostJsonAsync($"/api/v1/clients/{clientId}/plans", new
        {
            title = "Kindness towards the inner critic",
            startDate,
            endDate,
            assignments = assignments.Length > 0 ? assignments : [Daily(1)],
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<PlanResponse>();
    }

    public static object Daily(int timesPerDay, string exerciseKey = "self-compassion-break", string[]? daysOfWeek = null) =>
        new { exerciseKey, schedule = new { kind = "daily", timesPerDay, daysOfWeek } };

    public static object Weekly(int timesPerWeek, string exerciseKey = "self-compassion-journal") =>
        new { exerciseKey, schedule = new { kind = "weekly", timesPerWeek } };

    public static object Once(string dueDate, string exerciseKey = "compassionate-letter") =>
        new { exerciseKey, schedule = new { kind = "once", dueDate } };

    /// <summary>The therapist's "use this whenever it gets hard".</summary>
    public static object AsNeeded(string exerciseKey = "soothing-touch") =>
        new { exerciseKey, schedule = new { kind = "asNeeded" } };
}
