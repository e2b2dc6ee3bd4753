using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Adherence;

/// <summary>Who may read adherence, and what bad parameters get back.</summary>
public sealed class PlanAdherenceAccessTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Another_practices_plan_is_not_found()
    {
        var (_, plan) = await PlanAsync();
        var otherPractice = await TestPractice.CreateAsync(api);

        var response = await otherPractice.Admin.GetAsync($"/api/v1/plans/{plan}/adherence");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_clients_plan_is_not_found_for_a_client()
    {
        var (practice, plan) = await PlanAsync();
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, otherApp) = await practice.AddClientAsync(therapist.Id);

        var response = await otherApp.GetAsync($"/api/v1/plans/{plan}/adherence");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_therapists_client_plan_is_not_found_for_a_therapist()
    {
        var (practice, plan) = await PlanAsync();
        var (_, otherTherapist) = await practice.AddTherapistAsync();

        var response = await otherTherapist.GetAsync($"/api/v1/plans/{plan}/adherence");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Operator_may_not_read_adherence()
    {
        var (_, plan) = await PlanAsync();
        var operatorClient = api.ClientAs(Roles.Operator, "operator-1", null);

        var response = await operatorClient.GetAsync($"/api/v1/plans/{plan}/adherence");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_plan_is_not_found()
    {
        var (practice, _) = await PlanAsync();

        var response = await practice.Admin.GetAsync($"/api/v1/plans/{Guid.NewGuid()}/adherence");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-03-10")]
    [InlineData("2026-03-10T12:00:00")]
    public async Task AsOf_that_is_not_an_instant_with_offset_is_a_400_naming_asOf(string asOf)
    {
        var (practice, plan) = await PlanAsync();

        var response = await practice.Admin.GetAsync($"/api/v1/plans/{plan}/adherence?asOf={asOf}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task AsOf_with_an_unencoded_plus_offset_is_read_as_that_offset()
    {
        var (practice, plan) = await PlanAsync();

        var summary = await Practise.SummaryAsync(practice.Admin, plan, "?asOf=2026-03-10T17:30:00+05:30");

        Assert.Equal("2026-03-10T12:00:00Z", summary.GetProperty("asOf").GetString());
    }

    [Theory]
    [InlineData("03/05/2026")]
    [InlineData("2026-02-30")]
    public async Task From_that_is_not_a_date_is_a_400_naming_from(string from)
    {
        var (practice, plan) = await PlanAsync();

        var response = await practice.Admin.GetAsync($"/api/v1/plans/{plan}/adherence?from={from}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "from");
    }

    [Fact]
    public async Task From_after_the_local_date_of_asOf_is_a_400_naming_from()
    {
        var (practice, plan) = await PlanAsync();

        // 2026-03-11T02:00Z is still 03-10 in New York.
        var response = await practice.Admin.GetAsync($"/api/v1/plans/{plan}/adherence?asOf=2026-03-11T02:00:00Z&from=2026-03-11");
        var sameDay = await practice.Admin.GetAsync($"/api/v1/plans/{plan}/adherence?asOf=2026-03-11T02:00:00Z&from=2026-03-10");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        Assert.Equal(HttpStatusCode.OK, sameDay.StatusCode);
    }

    [Fact]
    public async Task Reading_a_summary_leaves_an_audit_record()
    {
        var (practice, plan) = await PlanAsync();

        await Practise.SummaryAsync(practice.Admin, plan);

        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM audit_events WHERE action = 'adherence.read' AND resource_type = 'plan' AND resource_id = @plan", connection);
        command.Parameters.AddWithValue("plan", plan);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    private async Task<(TestPractice Practice, Guid PlanId)> PlanAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        return (practice, plan.Id);
    }
}
