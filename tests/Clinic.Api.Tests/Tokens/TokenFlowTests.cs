using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using NodaTime;

namespace Clinic.Api.Tests.Tokens;

public sealed class TokenFlowTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string InvitationGrant = "urn:clinic:params:oauth:grant-type:invitation";

    [Fact]
    public async Task Integration_gets_a_practice_token_with_client_credentials()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: "EHR-42");
        var registered = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Riverbend EHR" })).ReadJsonAsync();
        var clientId = registered.GetProperty("clientId").GetString()!;
        var secret = registered.GetProperty("clientSecret").GetString()!;

        var token = await api.RequestTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });

        Assert.Equal(HttpStatusCode.OK, token.Status);
        var ehr = api.WithBearer(token.Body.GetProperty("access_token").GetString()!);
        var found = await (await ehr.GetAsync("/api/v1/clients?externalId=EHR-42")).ReadJsonAsync();
        Assert.Equal(client.Id, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        var listed = await (await practice.Admin.GetAsync("/api/v1/integrations")).ReadJsonAsync();
        Assert.Equal(clientId, Assert.Single(listed.EnumerateArray()).GetProperty("clientId").GetString());
        Assert.False(Assert.Single(listed.EnumerateArray()).TryGetProperty("clientSecret", out var shown) && shown.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Rotating_a_secret_retires_the_old_one_and_revoking_ends_the_client()
    {
        var practice = await TestPractice.CreateAsync(api);
        var registered = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Old EHR" })).ReadJsonAsync();
        var clientId = registered.GetProperty("clientId").GetString()!;
        var oldSecret = registered.GetProperty("clientSecret").GetString()!;

        var rotated = await (await practice.Admin.PostJsonAsync($"/api/v1/integrations/{clientId}/secret", new { })).ReadJsonAsync();
        var newSecret = rotated.GetProperty("clientSecret").GetString()!;

        Assert.NotEqual(oldSecret, newSecret);
        var withOld = await api.RequestTokenAsync(ClientCredentials(clientId, oldSecret));
        Assert.Equal("invalid_client", withOld.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.RequestTokenAsync(ClientCredentials(clientId, newSecret))).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await practice.Admin.DeleteAsync($"/api/v1/integrations/{clientId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await api.RequestTokenAsync(ClientCredentials(clientId, newSecret))).Status);
    }

    [Fact]
    public async Task Client_app_exchanges_an_invitation_once_refreshes_and_loses_access_on_discharge()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15");
        var invitation = await (await therapistClient.PostJsonAsync($"/api/v1/clients/{client.Id}/invitations", new { })).ReadJsonAsync();
        var code = invitation.GetProperty("code").GetString()!;
        Assert.Equal(10, code.Length);
        Assert.DoesNotContain(code, c => "01OIL".Contains(c, StringComparison.Ordinal));

        var exchange = await api.RequestTokenAsync(new() { ["grant_type"] = InvitationGrant, ["code"] = code.ToLowerInvariant(), ["client_id"] = "clinic-app", ["scope"] = "offline_access" });
        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        var app = api.WithBearer(exchange.Body.GetProperty("access_token").GetString()!);
        var plans = await (await app.GetAsync("/api/v1/me/plans")).ReadJsonAsync();
        Assert.Equal(client.Id, plans[0].GetProperty("clientId").GetGuid());

        var reuse = await api.RequestTokenAsync(new() { ["grant_type"] = InvitationGrant, ["code"] = code, ["client_id"] = "clinic-app", ["scope"] = "offline_access" });
        Assert.Equal(HttpStatusCode.BadRequest, reuse.Status);
        Assert.Equal("invalid_grant", reuse.Body.GetProperty("error").GetString());

        var refreshToken = exchange.Body.GetProperty("refresh_token").GetString()!;
        var refreshed = await api.RequestTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = "clinic-app" });
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);

        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { discharge = true })).StatusCode);
        var afterDischarge = await api.RequestTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshed.Body.GetProperty("refresh_token").GetString()!, ["client_id"] = "clinic-app" });
        Assert.Equal(HttpStatusCode.BadRequest, afterDischarge.Status);
        Assert.NotEqual(HttpStatusCode.OK, (await app.GetAsync($"/api/v1/clients/{client.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_invitation_expires_after_seven_days()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistClient) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var invitation = await (await therapistClient.PostJsonAsync($"/api/v1/clients/{client.Id}/invitations", new { })).ReadJsonAsync();
        var start = api.Clock.GetCurrentInstant();
        try
        {
            api.Clock.Reset(start + Duration.FromDays(7) + Duration.FromSeconds(1));
            var exchange = await api.RequestTokenAsync(new() { ["grant_type"] = InvitationGrant, ["code"] = invitation.GetProperty("code").GetString()!, ["client_id"] = "clinic-app" });
            Assert.Equal(HttpStatusCode.BadRequest, exchange.Status);
            Assert.Equal("invalid_grant", exchange.Body.GetProperty("error").GetString());
        }
        finally
        {
            api.Clock.Reset(start);
        }
    }

    [Fact]
    public async Task Another_therapists_client_cannot_be_invited()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (owner, _) = await practice.AddTherapistAsync();
        var (_, stranger) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(owner.Id);
        var response = await stranger.PostJsonAsync($"/api/v1/clients/{client.Id}/invitations", new { });
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Discovery_documents_describe_the_token_service()
    {
        var openid = await (await api.Anonymous().GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        Assert.EndsWith("/connect/token", openid.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("client_credentials", openid.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));

        var smart = await (await api.Anonymous().GetAsync("/.well-known/smart-configuration")).ReadJsonAsync();
        Assert.EndsWith("/connect/token", smart.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains(InvitationGrant, smart.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
    }

    private static Dictionary<string, string> ClientCredentials(string clientId, string secret) =>
        new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
}
