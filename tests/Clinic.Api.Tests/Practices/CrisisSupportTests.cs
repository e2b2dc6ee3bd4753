using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Practices;

public sealed class CrisisSupportTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_practice_without_resources_shows_a_clear_default_from_distress_eight()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var support = await (await app.GetAsync("/api/v1/practice/crisis-support")).ReadJsonAsync();

        Assert.Equal(8, support.GetProperty("distressThreshold").GetInt32());
        Assert.True(support.GetProperty("usesDefault").GetBoolean());
        Assert.Contains("emergency", Assert.Single(support.GetProperty("resources").EnumerateArray()).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sets_the_resources_and_threshold_that_clients_then_read()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var set = await practice.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/practice/crisis-support", new
        {
            distressThreshold = 7,
            resources = new object[]
            {
                new { text = "Call or text the crisis line, any hour.", phone = "988", link = "tel:988" },
                new { text = "Our on-call clinician answers until 22:00.", phone = "+1 (555) 010-0199", link = "https://practice.example/on-call" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        foreach (var reader in new[] { app, therapistApi, practice.Integration })
        {
            var support = await (await reader.GetAsync("/api/v1/practice/crisis-support")).ReadJsonAsync();
            Assert.Equal(7, support.GetProperty("distressThreshold").GetInt32());
            Assert.False(support.GetProperty("usesDefault").GetBoolean());
            Assert.Equal(["988", "+1 (555) 010-0199"], support.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("phone").GetString()));
        }

        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'practice.crisis_support.update' AND practice_id = @p", ("p", practice.Id)));
    }

    [Fact]
    public async Task Bad_resources_are_a_400_naming_the_field_and_only_admins_set_them()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapistApi) = await practice.AddTherapistAsync();
        var body = new { distressThreshold = 8, resources = new[] { new { text = "Call us.", phone = "call me", link = "javascript:alert(1)" } } };

        var bad = await practice.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/practice/crisis-support", body);
        var threshold = await practice.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/practice/crisis-support", new { distressThreshold = 11, resources = Array.Empty<object>() });
        var byTherapist = await therapistApi.SendJsonAsync(HttpMethod.Put, "/api/v1/practice/crisis-support", new { distressThreshold = 8, resources = Array.Empty<object>() });
        var byOperator = await api.ClientAs(Roles.Operator, "op", null).GetAsync("/api/v1/practice/crisis-support");

        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "resources[0].phone", "resources[0].link");
        await threshold.AssertProblemAsync(HttpStatusCode.BadRequest, "distressThreshold");
        await byTherapist.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byOperator.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
