using System.Net;
using System.Net.Http.Headers;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Security;

/// <summary>HEAD answered wherever GET is, and answers holding client data kept out of HTTP caches.</summary>
public sealed class HeadAndCachingTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Head_answers_a_read_with_the_gets_status_and_headers_and_no_body()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");

        foreach (var (caller, url) in new[]
        {
            (therapistApi, $"/api/v1/plans/{plan.Id}"),
            (therapistApi, $"/api/v1/plans/{plan.Id}/adherence?asOf=2026-03-09T12:00:00Z"),
            (therapistApi, "/api/v1/caseload"),
            (app, "/api/v1/me/plans"),
            (practice.Integration, $"/fhir/CarePlan/{plan.Id}"),
            (practice.Integration, $"/fhir/Patient/{client.Id}"),
        })
        {
            using var get = await caller.GetAsync(url);
            using var head = await caller.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Head, $"/api/v1/plans/{plan.Id}");
        conditional.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(plan.ETag));
        Assert.Equal(HttpStatusCode.NotModified, (await therapistApi.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Over_kestrel_a_head_answer_has_the_gets_headers_no_body_and_no_server_header()
    {
        await using var kestrel = new ClinicApiFactory();
        await kestrel.InitializeAsync();
        kestrel.ListenOnLoopback();
        var practice = await TestPractice.CreateAsync(kestrel);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        var url = $"/api/v1/plans/{plan.Id}";

        using var get = await therapistApi.GetAsync(url);
        using var head = await therapistApi.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.StartsWith("http://127.0.0.1:", therapistApi.BaseAddress?.ToString() ?? get.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.True(head.Headers.CacheControl?.NoStore);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.False(get.Headers.Contains("Server"), "the answer names the server it runs on");
    }

    [Fact]
    public async Task Head_is_authorised_and_audited_as_the_get_is()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var (stranger, _) = await other.AddTherapistAsync();
        var (theirs, _) = await other.AddClientAsync(stranger.Id);
        var theirPlan = await other.AssignPlanAsync(theirs.Id, "2026-03-02", "2026-03-15");

        using var read = await therapistApi.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/clients/{client.Id}"));
        using var probe = await practice.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/plans/{theirPlan.Id}"));
        using var anonymous = await api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/clients/{client.Id}"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var trail = (await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}")).ReadJsonAsync()).GetProperty("items");
        var newest = trail.EnumerateArray().First();
        Assert.Equal("client.read", newest.GetProperty("action").GetString());
        Assert.Equal(therapist.Id.ToString(), newest.GetProperty("subjectId").GetString());
        Assert.Equal(1, await practice.DenialsAsync());
    }

    [Fact]
    public void Every_get_endpoint_of_the_api_and_the_fhir_facade_takes_head_and_no_other_endpoint_does()
    {
        _ = api.CreateClient();
        var endpoints = api.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/fhir/", StringComparison.Ordinal)))
            .Select(e => (Route: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();
        var reads = endpoints.Where(e => e.Methods.Contains("GET")).ToList();

        Assert.True(reads.Count > 40, $"only {reads.Count} GET endpoints found");
        Assert.All(reads, e => Assert.True(e.Methods.Contains("HEAD"), $"GET {e.Route} does not take HEAD"));
        Assert.All(endpoints.Except(reads), e => Assert.True(!e.Methods.Contains("HEAD"), $"{string.Join(',', e.Methods)} {e.Route} takes HEAD"));
    }

    [Fact]
    public async Task The_openapi_document_has_no_head_operations()
    {
        var document = await (await api.CreateClient().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();

        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(op => op.Name)).ToList();
        Assert.Contains("get", operations);
        Assert.DoesNotContain("head", operations);
    }

    [Fact]
    public async Task Answers_with_client_data_are_not_stored_by_http_caches()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        using var completion = await app.PostJsonAsync(
            $"/api/v1/assignments/{plan.Assignments[0].Id}/completions",
            new { completedAt = "2026-03-09T15:00:00Z", reflection = "It was kinder than I expected", shareWithTherapist = true },
            idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, completion.StatusCode);

        foreach (var (caller, url) in new[]
        {
            (therapistApi, $"/api/v1/clients/{client.Id}"),
            (therapistApi, $"/api/v1/clients/{client.Id}/timeline"),
            (therapistApi, $"/api/v1/assignments/{plan.Assignments[0].Id}/completions"),
            (app, "/api/v1/me/timeline"),
            (practice.Integration, $"/fhir/Observation?subject=Patient/{client.Id}"),
            (therapistApi, $"/api/v1/clients/{Guid.NewGuid()}"),
        })
        {
            using var response = await caller.GetAsync(url);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} answered {(int)response.StatusCode} without Cache-Control: no-store");
        }

        Assert.True(completion.Headers.CacheControl?.NoStore == true, "the completion's 201 may be stored");
    }

    [Fact]
    public async Task The_openapi_document_stays_cacheable()
    {
        using var document = await api.CreateClient().GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.NotEqual(true, document.Headers.CacheControl?.NoStore);
    }
}
