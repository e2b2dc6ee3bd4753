using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Replicas;

/// <summary>
/// The API behind a load balancer that terminates TLS (ADR 0080): it believes <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> from the proxies it is told to trust, and only from them. Requests arrive from a peer
/// address set per request (<see cref="PeerAddressFilter"/>), as they would over a network.
/// </summary>
public sealed class BehindALoadBalancerTests(BehindALoadBalancerTests.Fixture fixture) : IClassFixture<BehindALoadBalancerTests.Fixture>
{
    private const string Balancer = "10.0.0.5";
    private const string BalancerOfTheRange = "10.1.2.3";
    private const string Untrusted = "198.51.100.9";

    public sealed class Fixture() : ConfiguredApiFactory(new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = Balancer,
        ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
        ["RateLimits:TokenRequestsPerMinute"] = "2",
        // The token service refuses plain HTTP, as it does in production.
        ["Transport:RequireHttps"] = "true",
    });

    private ClinicApiFactory Api => fixture.Api;

    [Fact]
    public async Task The_audit_trail_records_the_callers_address_that_a_trusted_balancer_forwards()
    {
        var practice = await TestPractice.CreateAsync(Api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);

        await ReadClientAsync(practice, client.Id, Balancer, forwardedFor: "203.0.113.7");
        await ReadClientAsync(practice, client.Id, BalancerOfTheRange, forwardedFor: "203.0.113.8");
        await ReadClientAsync(practice, client.Id, Untrusted, forwardedFor: "203.0.113.9");

        var audit = await (await practice.Admin.GetAsync($"/api/v1/audit?clientId={client.Id}&limit=100")).ReadJsonAsync();
        var sources = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "client.read")
            .Select(e => e.GetProperty("sourceAddress").GetString())
            .ToList();
        Assert.Equal(new[] { "203.0.113.7", "203.0.113.8", Untrusted }.Order(), sources.Order());
    }

    [Fact]
    public async Task Token_requests_are_counted_per_forwarded_caller_and_not_per_balancer()
    {
        // Guessed invitation codes: what the per-address limit on token requests is there to slow.
        var guess = new Dictionary<string, string> { ["grant_type"] = "urn:clinic:params:oauth:grant-type:invitation", ["code"] = "WRONG-CODE", ["client_id"] = "clinic-app" };
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await TokenStatusAsync(Balancer, forwardedFor: "192.0.2.10", forwardedProto: "https", guess));
        }

        var other = await TokenStatusAsync(Balancer, forwardedFor: "192.0.2.11", forwardedProto: "https", guess);

        Assert.All(first.Take(2), status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other);
    }

    [Fact]
    public async Task The_token_service_answers_https_that_a_trusted_balancer_terminated_and_refuses_it_claimed_by_anyone_else()
    {
        var practice = await TestPractice.CreateAsync(Api);
        var registered = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Balanced EHR" })).ReadJsonAsync();
        var grant = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = registered.GetProperty("clientId").GetString()!,
            ["client_secret"] = registered.GetProperty("clientSecret").GetString()!,
        };

        var throughBalancer = await TokenAsync(Balancer, forwardedFor: "192.0.2.20", forwardedProto: "https", grant);
        var claimedByAnother = await TokenAsync(Untrusted, forwardedFor: "192.0.2.21", forwardedProto: "https", grant);
        var plainThroughBalancer = await TokenAsync(Balancer, forwardedFor: "192.0.2.22", forwardedProto: "http", grant);

        Assert.True(throughBalancer.Status == HttpStatusCode.OK, throughBalancer.Body.ToString());
        Assert.False(string.IsNullOrEmpty(throughBalancer.Body.GetProperty("access_token").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, claimedByAnother.Status);
        Assert.Equal("invalid_request", claimedByAnother.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, plainThroughBalancer.Status);
    }

    private async Task ReadClientAsync(TestPractice practice, Guid clientId, string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/clients/{clientId}");
        request.Headers.Authorization = practice.Admin.DefaultRequestHeaders.Authorization;
        request.Headers.Add(PeerAddressFilter.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await Api.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpStatusCode> TokenStatusAsync(string peer, string forwardedFor, string forwardedProto, Dictionary<string, string> form) =>
        (await TokenAsync(peer, forwardedFor, forwardedProto, form)).Status;

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(string peer, string forwardedFor, string forwardedProto, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(PeerAddressFilter.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await Api.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
