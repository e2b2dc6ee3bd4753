using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using static Clinic.Api.Tests.Tokens.ClientAssertionKeys;

namespace Clinic.Api.Tests.Tokens;

/// <summary>
/// EHR integrations that authenticate with a signed client assertion (private_key_jwt, RFC 7523) instead of a
/// secret, as SMART Backend Services clients do: only the public key is registered.
/// </summary>
public sealed class ClientAssertionTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task An_integration_registered_with_a_public_key_gets_a_practice_token_with_a_signed_assertion()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id, externalId: "EHR-JWT-1");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signing = new ECDsaSecurityKey(key) { KeyId = "ehr-2026" };

        var response = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Keyed EHR", jwks = PublicSet(signing) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registered = await response.ReadJsonAsync();
        var clientId = registered.GetProperty("clientId").GetString()!;
        Assert.Equal("private_key_jwt", registered.GetProperty("authentication").GetString());
        Assert.Equal(["ehr-2026"], registered.GetProperty("keyIds").EnumerateArray().Select(k => k.GetString()));
        Assert.True(!registered.TryGetProperty("clientSecret", out var secret) || secret.ValueKind == JsonValueKind.Null);

        var token = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.EcdsaSha384)));

        Assert.Equal(HttpStatusCode.OK, token.Status);
        var ehr = api.WithBearer(token.Body.GetProperty("access_token").GetString()!);
        var found = await (await ehr.GetAsync("/api/v1/clients?externalId=EHR-JWT-1")).ReadJsonAsync();
        Assert.Equal(client.Id, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        var read = await (await practice.Admin.GetAsync($"/api/v1/integrations/{clientId}")).ReadJsonAsync();
        Assert.Equal("private_key_jwt", read.GetProperty("authentication").GetString());
    }

    [Fact]
    public async Task An_rsa_key_signs_too_and_assertions_signed_otherwise_are_refused()
    {
        var practice = await TestPractice.CreateAsync(api);
        using var rsa = RSA.Create(2048);
        var signing = new RsaSecurityKey(rsa) { KeyId = "rsa-1" };
        var clientId = await RegisterAsync(practice, PublicSet(signing));
        using var stranger = RSA.Create(2048);
        var strangerKey = new RsaSecurityKey(stranger) { KeyId = "rsa-1" };

        Assert.Equal(HttpStatusCode.OK, (await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.RsaSha384)))).Status);

        var forged = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, strangerKey, SecurityAlgorithms.RsaSha384)));
        Assert.Equal("invalid_client", forged.Body.GetProperty("error").GetString());
        var otherAudience = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.RsaSha384, audience: "https://elsewhere.example/token")));
        AssertRefused(otherAudience);
        var expired = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.RsaSha384, lifetime: TimeSpan.FromMinutes(-10))));
        AssertRefused(expired);
        var tooLong = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.RsaSha384, lifetime: TimeSpan.FromMinutes(30))));
        Assert.Equal("invalid_client", tooLong.Body.GetProperty("error").GetString());
        var withoutJti = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.RsaSha384, jti: null)));
        Assert.Equal("invalid_client", withoutJti.Body.GetProperty("error").GetString());
        var asIssuer = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.RsaSha384, audience: "http://localhost/")));
        Assert.Equal(HttpStatusCode.OK, asIssuer.Status);
        var noAssertion = await api.RequestTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "guess" });
        Assert.Equal("invalid_client", noAssertion.Body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("system/*.read")]
    [InlineData("system/*.rs")]
    [InlineData("system/Patient.read system/CarePlan.read")]
    public async Task A_smart_backend_services_request_with_system_scopes_gets_a_token(string scope)
    {
        var token = await RequestWithScopeAsync(scope);

        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("Bearer", token.Body.GetProperty("token_type").GetString());
        Assert.Equal(scope.Split(' ').Order(), token.Body.GetProperty("scope").GetString()!.Split(' ').Order());
    }

    [Theory]
    [InlineData("patient/*.read")]
    [InlineData("launch/patient")]
    [InlineData("system/Patient.delete")]
    [InlineData("system/Patient.")]
    [InlineData("system/*.dr")]
    public async Task An_integration_asking_for_a_scope_other_than_a_system_scope_is_refused(string scope)
    {
        var token = await RequestWithScopeAsync(scope);

        Assert.Equal(HttpStatusCode.BadRequest, token.Status);
        Assert.Equal("invalid_scope", token.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_assertion_is_accepted_once()
    {
        var practice = await TestPractice.CreateAsync(api);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signing = new ECDsaSecurityKey(key) { KeyId = "p256" };
        var clientId = await RegisterAsync(practice, PublicSet(signing));
        var assertion = Assertion(clientId, signing, SecurityAlgorithms.EcdsaSha256);

        Assert.Equal(HttpStatusCode.OK, (await api.RequestTokenAsync(AssertionGrant(clientId, assertion))).Status);
        var replayed = await api.RequestTokenAsync(AssertionGrant(clientId, assertion));

        Assert.NotEqual(HttpStatusCode.OK, replayed.Status);
        Assert.Equal("invalid_client", replayed.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Replacing_the_keys_retires_the_old_key_and_a_new_secret_retires_the_keys()
    {
        var practice = await TestPractice.CreateAsync(api);
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var oldSigning = new ECDsaSecurityKey(oldKey) { KeyId = "old" };
        var newSigning = new ECDsaSecurityKey(newKey) { KeyId = "new" };
        var clientId = await RegisterAsync(practice, PublicSet(oldSigning));

        var both = await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/integrations/{clientId}/keys", new { jwks = PublicSet(oldSigning, newSigning) });
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(["old", "new"], (await both.ReadJsonAsync()).GetProperty("keyIds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, oldSigning, SecurityAlgorithms.EcdsaSha384)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, newSigning, SecurityAlgorithms.EcdsaSha384)))).Status);

        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/integrations/{clientId}/keys", new { jwks = PublicSet(newSigning) })).StatusCode);
        var withOld = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, oldSigning, SecurityAlgorithms.EcdsaSha384)));
        Assert.Equal("invalid_client", withOld.Body.GetProperty("error").GetString());

        var rotated = await (await practice.Admin.PostJsonAsync($"/api/v1/integrations/{clientId}/secret", new { })).ReadJsonAsync();
        Assert.Equal("client_secret", rotated.GetProperty("authentication").GetString());
        var secret = rotated.GetProperty("clientSecret").GetString()!;
        var withKey = await api.RequestTokenAsync(AssertionGrant(clientId, Assertion(clientId, newSigning, SecurityAlgorithms.EcdsaSha384)));
        Assert.Equal("invalid_client", withKey.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.RequestTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret })).Status);

        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/integrations/{clientId}/keys", new { jwks = PublicSet(newSigning) })).StatusCode);
        var withSecret = await api.RequestTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
        Assert.Equal("invalid_client", withSecret.Body.GetProperty("error").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await practice.Admin.DeleteAsync($"/api/v1/integrations/{clientId}")).StatusCode);
        // Every change of the integration's credentials is in the audit trail, on one resource.
        foreach (var (action, times) in new[] { ("integration.register", 1), ("integration.replace_keys", 3), ("integration.rotate_secret", 1), ("integration.revoke", 1) })
        {
            Assert.Equal(times, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = @a AND practice_id = @p", ("a", action), ("p", practice.Id)));
        }

        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(DISTINCT resource_id) FROM audit_events WHERE action LIKE 'integration.%' AND practice_id = @p", ("p", practice.Id)));
    }

    [Fact]
    public async Task Another_practices_admin_cannot_replace_the_keys()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signing = new ECDsaSecurityKey(key) { KeyId = "mine" };
        var clientId = await RegisterAsync(practice, PublicSet(signing));

        var response = await other.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/integrations/{clientId}/keys", new { jwks = PublicSet(signing) });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> UnusableSets() => new()
    {
        { """{"keys":[]}""", "between 1 and" },
        { """[]""", "JSON Web Key Set" },
        { """{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"}]}""", "private part" },
        { """{"keys":[{"kty":"EC","crv":"P-384","x":"AAAA","y":"AAAA"}]}""", "kid" },
        { """{"keys":[{"kty":"EC","kid":"a","crv":"secp256k1","x":"AAAA","y":"AAAA"}]}""", "P-256" },
        { """{"keys":[{"kty":"RSA","kid":"small","n":"AQAB","e":"AQAB"}]}""", "2048" },
        { """{"keys":[{"kty":"OKP","kid":"ed","crv":"Ed25519","x":"AAAA"}]}""", "RSA and EC" },
        { """{"keys":[{"kty":"EC","kid":"a","crv":"P-256","x":"AAAA","y":"AAAA"}]}""", "not a point" },
        { """{"keys":[{"kty":"EC","kid":"a","use":"enc","crv":"P-256","x":"AAAA","y":"AAAA"}]}""", "use" },
    };

    [Theory]
    [MemberData(nameof(UnusableSets))]
    public async Task An_unusable_key_set_is_a_problem_naming_jwks(string jwks, string expected)
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Bad keys", jwks = JsonDocument.Parse(jwks).RootElement });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("jwks").EnumerateArray()).GetString()!;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Empty((await (await practice.Admin.GetAsync("/api/v1/integrations")).ReadJsonAsync()).EnumerateArray());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"jwks":null}""")]
    [InlineData("""{"jwks":"keys"}""")]
    [InlineData("""{"jwks":{"keys":{"kty":"EC"}}}""")]
    public async Task Replacing_keys_without_a_usable_set_is_a_problem_naming_jwks(string body)
    {
        var practice = await TestPractice.CreateAsync(api);
        var registered = await (await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Secret EHR" })).ReadJsonAsync();
        var clientId = registered.GetProperty("clientId").GetString()!;

        var response = await practice.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/integrations/{clientId}/keys", JsonDocument.Parse(body).RootElement);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "jwks");
        var read = await (await practice.Admin.GetAsync($"/api/v1/integrations/{clientId}")).ReadJsonAsync();
        Assert.Equal("client_secret", read.GetProperty("authentication").GetString());
    }

    [Fact]
    public async Task A_private_key_sent_by_mistake_is_refused_and_not_echoed()
    {
        var practice = await TestPractice.CreateAsync(api);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var full = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key) { KeyId = "leaky" });
        var set = JsonDocument.Parse(JsonSerializer.Serialize(new { keys = new[] { new { full.Kty, full.Kid, full.Crv, full.X, full.Y, full.D } } }, Kty)).RootElement;

        var response = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Leaky", jwks = set });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("private part (d)", problem.GetProperty("errors").GetProperty("jwks")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(full.D, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_smart_configuration_offers_private_key_jwt()
    {
        var smart = await (await api.Anonymous().GetAsync("/.well-known/smart-configuration")).ReadJsonAsync();

        Assert.Contains("private_key_jwt", smart.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(m => m.GetString()));
        var algorithms = smart.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("RS384", algorithms);
        Assert.Contains("ES384", algorithms);
        Assert.Contains("client-confidential-asymmetric", smart.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("system/*.read", smart.GetProperty("scopes_supported").EnumerateArray().Select(c => c.GetString()));
    }

    private static readonly JsonSerializerOptions Kty = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A token request of a newly registered key-based integration, naming <paramref name="scope"/>.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> RequestWithScopeAsync(string scope)
    {
        var practice = await TestPractice.CreateAsync(api);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signing = new ECDsaSecurityKey(key) { KeyId = "smart" };
        var clientId = await RegisterAsync(practice, PublicSet(signing));
        var form = AssertionGrant(clientId, Assertion(clientId, signing, SecurityAlgorithms.EcdsaSha384));
        form["scope"] = scope;
        return await api.RequestTokenAsync(form);
    }

    private static async Task<string> RegisterAsync(TestPractice practice, JsonElement jwks)
    {
        var response = await practice.Admin.PostJsonAsync("/api/v1/integrations", new { displayName = "Keyed EHR", jwks });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("clientId").GetString()!;
    }
}

/// <summary>Keys and client assertions as an EHR integration makes them (SMART Backend Services).</summary>
internal static class ClientAssertionKeys
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The test hosts' token endpoint (Auth:TokenIssuer is http://localhost/).</summary>
    public const string TokenEndpoint = "http://localhost/connect/token";

    /// <summary>The public halves of the keys, as an integration would publish them.</summary>
    public static JsonElement PublicSet(params AsymmetricSecurityKey[] keys)
    {
        var published = keys.Select(key => key switch
        {
            ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId }),
            RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId }),
            _ => throw new ArgumentException("RSA or EC keys only", nameof(keys)),
        }).Select(jwk => jwk.Kty == "EC"
            ? (object)new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", crv = jwk.Crv, x = jwk.X, y = jwk.Y }
            : new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", n = jwk.N, e = jwk.E });
        return JsonSerializer.SerializeToElement(new { keys = published });
    }

    public static void AssertRefused((HttpStatusCode Status, JsonElement Body) response)
    {
        Assert.True(response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.Status.ToString());
        Assert.False(response.Body.TryGetProperty("access_token", out _));
        Assert.True(response.Body.TryGetProperty("error", out _));
    }

    public static string Assertion(string clientId, SecurityKey key, string algorithm, string audience = TokenEndpoint, TimeSpan? lifetime = null, string? jti = "new")
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(4));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity(jti is null ? [new Claim("sub", clientId)] : [new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString())]),
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    public static Dictionary<string, string> AssertionGrant(string clientId, string assertion) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_assertion_type"] = AssertionType,
        ["client_assertion"] = assertion,
    };
}
