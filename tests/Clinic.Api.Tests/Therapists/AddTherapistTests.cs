using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Therapists;

public sealed class AddTherapistTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_adds_a_therapist_to_their_practice()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = "Dr. Ada Rivera", email = "Ada.Rivera@Example.org", externalId = "prov-17" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var therapist = await response.ReadAsync<JsonElement>();
        Assert.Equal(practice.Id, therapist.GetProperty("practiceId").GetGuid());
        Assert.Equal("ada.rivera@example.org", therapist.GetProperty("email").GetString());
        Assert.Equal("prov-17", therapist.GetProperty("externalId").GetString());
        Assert.True(therapist.GetProperty("active").GetBoolean());
        Assert.Equal($"/api/v1/therapists/{therapist.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Therapist_without_a_name_and_with_a_bad_email_is_a_400_naming_both()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = " ", email = "not-an-email" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "displayName", "email");
    }

    [Fact]
    public async Task A_second_therapist_with_the_same_email_is_a_409()
    {
        var practice = await TestPractice.CreateAsync(api);
        await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = "A", email = "same@example.org" });

        var response = await practice.Admin.PostJsonAsync("/api/v1/therapists", new { displayName = "B", email = "SAME@example.org" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "email");
    }

    [Fact]
    public async Task A_therapist_or_integration_may_not_add_therapists()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapist) = await practice.AddTherapistAsync();

        var byTherapist = await therapist.PostJsonAsync("/api/v1/therapists", new { displayName = "X", email = "x@example.org" });
        var byIntegration = await practice.Integration.PostJsonAsync("/api/v1/therapists", new { displayName = "Y", email = "y@example.org" });

        await byTherapist.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byIntegration.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
