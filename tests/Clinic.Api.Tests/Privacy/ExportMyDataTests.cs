using System.Net;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Privacy;

public sealed class ExportMyDataTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task The_export_holds_the_plans_and_everything_the_client_entered()
    {
        var world = await PrivacyWorld.CreateAsync(api);
        var kept = await world.CompleteAsync("2026-03-08T20:00:00Z", "Kept to myself.", distressBefore: 7, distressAfter: 4);
        var voided = await world.CompleteAsync("2026-03-09T20:00:00Z", "Logged by mistake.", share: true);
        await world.VoidAsync(voided);
        var skip = await world.App.PostJsonAsync(
            $"/api/v1/assignments/{world.AssignmentId}/skips", new { date = "2026-03-04", reason = "too_distressing", note = "It was too close to home." }, idempotencyKey: "skip-1");
        Assert.Equal(HttpStatusCode.Created, skip.StatusCode);

        var response = await world.App.GetAsync("/api/v1/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var export = await response.ReadJsonAsync();
        Assert.Equal(world.ClientId, export.GetProperty("client").GetProperty("id").GetGuid());
        var plan = Assert.Single(export.GetProperty("plans").EnumerateArray());
        Assert.Equal(world.PlanId, plan.GetProperty("id").GetGuid());
        Assert.Equal(world.AssignmentId, Assert.Single(plan.GetProperty("assignments").EnumerateArray()).GetProperty("id").GetGuid());
        var completions = export.GetProperty("completions").EnumerateArray().ToList();
        Assert.Equal([kept, voided], completions.Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal("Kept to myself.", completions[0].GetProperty("reflection").GetString());
        Assert.Equal(7, completions[0].GetProperty("distressBefore").GetInt32());
        Assert.Equal("Logged by mistake.", completions[1].GetProperty("reflection").GetString());
        Assert.Equal("2026-03-10T12:00:00Z", completions[1].GetProperty("voidedAt").GetString());
        var skipped = Assert.Single(export.GetProperty("skips").EnumerateArray());
        Assert.Equal("It was too close to home.", skipped.GetProperty("note").GetString());
        Assert.Equal("too_distressing", skipped.GetProperty("reason").GetString());
        Assert.Equal(1, await Database.CountAsync(
            api.ConnectionString, "SELECT count(*) FROM audit_events WHERE action = 'client.export' AND client_id = @c AND role = 'client'", ("c", world.ClientId)));
    }

    [Fact]
    public async Task The_export_is_the_clients_alone()
    {
        var world = await PrivacyWorld.CreateAsync(api);

        foreach (var staff in world.Staff.Append(api.ClientAs(Roles.Operator, "operator-1", null)))
        {
            await (await staff.GetAsync("/api/v1/me/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        var (_, otherApp) = await world.Plan.Practice.AddClientAsync(world.Plan.Plan.TherapistId);
        await world.CompleteAsync("2026-03-09T20:00:00Z", "Not the other client's.");
        var other = await (await otherApp.GetAsync("/api/v1/me/export")).ReadJsonAsync();
        Assert.Empty(other.GetProperty("completions").EnumerateArray());
        Assert.Empty(other.GetProperty("plans").EnumerateArray());
    }
}
