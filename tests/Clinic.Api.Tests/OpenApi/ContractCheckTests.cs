using System.Net;
using System.Text;
using System.Text.Json;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Api.Tests.Infrastructure.Contracts;

namespace Clinic.Api.Tests.OpenApi;

/// <summary>
/// The check every HTTP test runs on every answer (ContractCheckingHandler) really fails on drift: answers that
/// break the served document in each way it can be broken are caught, and ones that keep it pass.
/// </summary>
public sealed class ContractCheckTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string PlanPath = "/api/v1/plans/5f1c7f43-1f5e-4c57-9d55-3f0f5b0c9a11";

    [Fact]
    public async Task A_property_of_the_wrong_type_breaks_the_contract()
    {
        var body = await ValidPlanAsync();
        body["title"] = 42;

        var violations = await CheckAsync("GET", PlanPath, 200, body, ("ETag", "\"1\""));

        Assert.Contains(violations, v => v.Contains("$.title", StringComparison.Ordinal) && v.Contains("not of type string", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_status_the_operation_does_not_document_breaks_the_contract()
    {
        var violations = await CheckAsync("GET", "/api/v1/exercises", 418, new Dictionary<string, object?>());

        Assert.Contains(violations, v => v.Contains("status 418 is not documented", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_required_property_an_undeclared_one_and_an_unknown_enum_value_break_the_contract()
    {
        var body = await ValidPlanAsync();
        body.Remove("eTag");
        body["secret"] = "x";
        body["status"] = "archived";

        var violations = await CheckAsync("GET", PlanPath, 200, body, ("ETag", "\"1\""));

        Assert.Contains(violations, v => v.Contains("'eTag' is missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("$.secret", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("$.status", StringComparison.Ordinal) && v.Contains("archived", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Null_breaks_the_contract_only_where_the_schema_is_not_nullable()
    {
        var body = await ValidPlanAsync();
        body["goal"] = null;
        body["title"] = null;

        var violations = await CheckAsync("GET", PlanPath, 200, body, ("ETag", "\"1\""));

        Assert.Single(violations);
        Assert.Contains("$.title", violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_header_breaks_the_contract()
    {
        var violations = await CheckAsync("GET", PlanPath, 200, await ValidPlanAsync());

        Assert.Contains(violations, v => v.Contains("header ETag is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_of_an_undocumented_media_type_breaks_the_contract()
    {
        var contract = await api.ContractAsync();

        var violations = contract.Check(new ObservedResponse("GET", "/api/v1/exercises", 200, new Dictionary<string, string>(), "text/plain", "hello"));

        Assert.Contains(violations, v => v.Contains("text/plain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operation_missing_from_the_document_may_only_answer_404_or_405()
    {
        var contract = await api.ContractAsync();

        var answered = contract.Check(new ObservedResponse("GET", "/api/v1/secrets", 200, new Dictionary<string, string>(), null, ""));
        var notFound = contract.Check(new ObservedResponse("DELETE", PlanPath, 405, new Dictionary<string, string>(), null, ""));

        Assert.Contains(answered, v => v.Contains("not an operation of the document", StringComparison.Ordinal));
        Assert.Empty(notFound);
    }

    [Fact]
    public async Task The_test_clients_throw_on_an_answer_that_breaks_the_contract()
    {
        var contract = await api.ContractAsync();
        var drifted = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[{\"key\":1}]", Encoding.UTF8, "application/json") };
        using var client = new HttpClient(new ContractCheckingHandler(() => Task.FromResult(contract)) { InnerHandler = new Answer(drifted) })
        {
            BaseAddress = new Uri("http://localhost"),
        };

        var failure = await Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync(new Uri("/api/v1/exercises", UriKind.Relative)));

        Assert.Contains("listExercises", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_answers_keep_the_contract_through_the_test_clients()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        var read = await practice.Admin.GetAsync($"/api/v1/plans/{plan.Id}");
        var summary = await practice.Admin.GetAsync($"/api/v1/plans/{plan.Id}/adherence");
        var unauthenticated = await api.Anonymous().GetAsync($"/api/v1/plans/{plan.Id}");
        var forbidden = await api.ClientAs(Roles.Operator, "operator-1", null).GetAsync($"/api/v1/plans/{plan.Id}");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden],
            [read.StatusCode, summary.StatusCode, unauthenticated.StatusCode, forbidden.StatusCode]);
    }

    private async Task<Dictionary<string, object?>> ValidPlanAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        var json = await (await practice.Admin.GetAsync($"/api/v1/plans/{plan.Id}")).Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
    }

    private async Task<IReadOnlyList<string>> CheckAsync(string method, string path, int status, object body, params (string Name, string Value)[] headers)
    {
        var contract = await api.ContractAsync();
        return contract.Check(new ObservedResponse(method, path, status, headers.ToDictionary(h => h.Name, h => h.Value), "application/json", JsonSerializer.Serialize(body)));
    }

    private sealed class Answer(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(response);
    }
}
