using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Clients;

public sealed class ListClientsTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task Admin_filters_clients_by_therapist()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (first, _) = await practice.AddTherapistAsync();
        var (second, _) = await practice.AddTherapistAsync();
        var (a, _) = await practice.AddClientAsync(first.Id);
        var (b, _) = await practice.AddClientAsync(second.Id);

        var page = await (await practice.Admin.GetAsync($"/api/v1/clients?therapistId={second.Id}")).ReadAsync<JsonElement>();

        Assert.Equal([b.Id], Ids(page));
        Assert.DoesNotContain(a.Id, Ids(page));
    }

    [Fact]
    public async Task Integration_looks_a_client_up_by_external_id()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (wanted, _) = await practice.AddClientAsync(therapist.Id, externalId: "mrn-42");
        await practice.AddClientAsync(therapist.Id, externalId: "mrn-43");

        var page = await (await practice.Integration.GetAsync("/api/v1/clients?externalId=mrn-42")).ReadAsync<JsonElement>();

        Assert.Equal([wanted.Id], Ids(page));
    }

    [Fact]
    public async Task Status_filter_separates_active_and_discharged_clients()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (active, _) = await practice.AddClientAsync(therapist.Id);
        var (gone, _) = await practice.AddClientAsync(therapist.Id);
        Assert.Equal(HttpStatusCode.OK, (await practice.Admin.PatchJsonAsync($"/api/v1/clients/{gone.Id}", new { discharge = true })).StatusCode);

        var discharged = await (await practice.Admin.GetAsync("/api/v1/clients?status=discharged")).ReadAsync<JsonElement>();
        var current = await (await practice.Admin.GetAsync("/api/v1/clients?status=active")).ReadAsync<JsonElement>();

        Assert.Equal([gone.Id], Ids(discharged));
        Assert.Equal([active.Id], Ids(current));
    }

    [Fact]
    public async Task Pages_follow_next_cursor_until_every_client_was_seen_once()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await practice.AddClientAsync(therapist.Id)).Client.Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/clients?limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await practice.Admin.GetAsync(url)).ReadAsync<JsonElement>();
            Assert.True(Ids(page).Count <= 2);
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_therapist_sees_only_their_caseload_and_no_other_practice()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        var (me, myApi) = await practice.AddTherapistAsync();
        var (colleague, _) = await practice.AddTherapistAsync();
        var (stranger, _) = await other.AddTherapistAsync();
        var (mine, _) = await practice.AddClientAsync(me.Id);
        await practice.AddClientAsync(colleague.Id);
        await other.AddClientAsync(stranger.Id);

        var page = await (await myApi.GetAsync("/api/v1/clients")).ReadAsync<JsonElement>();

        Assert.Equal([mine.Id], Ids(page));
    }

    [Fact]
    public async Task Limit_above_100_is_a_400_naming_limit()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync("/api/v1/clients?limit=101");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task Unknown_status_and_malformed_cursor_are_a_400_naming_both()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.GetAsync("/api/v1/clients?status=sleeping&cursor=abc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "status", "cursor");
    }

    [Fact]
    public async Task A_client_may_not_list_clients()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (_, app) = await practice.AddClientAsync(therapist.Id);

        var response = await app.GetAsync("/api/v1/clients");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static List<Guid> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];
}
