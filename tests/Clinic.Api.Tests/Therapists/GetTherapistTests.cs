using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Therapists;

public sealed class GetTherapistTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_reads_a_therapist_of_their_practice()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync("Dr. Lee");

        var read = await (await practice.Admin.GetAsync($"/api/v1/therapists/{therapist.Id}")).ReadAsync<JsonElement>();

        Assert.Equal(therapist.Id, read.GetProperty("id").GetGuid());
        Assert.Equal("Dr. Lee", read.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task An_unknown_therapist_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync($"/api/v1/therapists/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_practices_therapist_is_a_404()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (theirs, _) = await other.AddTherapistAsync();

        var response = await practice.Admin.GetAsync($"/api/v1/therapists/{theirs.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_therapist_may_not_read_therapists_through_the_admin_endpoint()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (me, therapist) = await practice.AddTherapistAsync();

        var response = await therapist.GetAsync($"/api/v1/therapists/{me.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
