using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Therapists;

public sealed class ListTherapistsTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_lists_only_the_therapists_of_their_own_practice()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (mine, _) = await practice.AddTherapistAsync("Mine");
        var (theirs, _) = await other.AddTherapistAsync("Theirs");

        var therapists = await (await practice.Admin.GetAsync("/api/v1/therapists")).ReadAsync<JsonElement[]>();

        var ids = therapists.Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([mine.Id], ids);
        Assert.DoesNotContain(theirs.Id, ids);
    }

    [Fact]
    public async Task A_therapist_may_not_list_therapists()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (_, therapist) = await practice.AddTherapistAsync();

        var response = await therapist.GetAsync("/api/v1/therapists");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
