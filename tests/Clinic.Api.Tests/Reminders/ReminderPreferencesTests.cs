using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Reminders;

public sealed class ReminderPreferencesTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private const string Url = "/api/v1/me/reminder-preferences";

    [Fact]
    public async Task A_client_who_never_set_any_is_reminded_without_quiet_hours()
    {
        var (_, app, _) = await ClientAsync();

        var preferences = await (await app.GetAsync(Url)).ReadAsync<JsonElement>();

        Assert.True(preferences.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, preferences.GetProperty("quietHours").ValueKind);
        Assert.Equal(JsonValueKind.Null, preferences.GetProperty("updatedAt").ValueKind);
    }

    [Fact]
    public async Task Put_replaces_the_preferences_and_sending_it_again_changes_nothing_more()
    {
        var (_, app, clientId) = await ClientAsync();
        var body = new { enabled = false, quietHours = new { start = "22:00", end = "07:00" } };

        var first = await (await app.SendJsonAsync(HttpMethod.Put, Url, body)).ReadAsync<JsonElement>();
        var again = await (await app.SendJsonAsync(HttpMethod.Put, Url, body)).ReadAsync<JsonElement>();
        var read = await (await app.GetAsync(Url)).ReadAsync<JsonElement>();
        var cleared = await (await app.SendJsonAsync(HttpMethod.Put, Url, new { enabled = true })).ReadAsync<JsonElement>();

        Assert.False(first.GetProperty("enabled").GetBoolean());
        Assert.Equal(("22:00", "07:00"), (first.GetProperty("quietHours").GetProperty("start").GetString(), first.GetProperty("quietHours").GetProperty("end").GetString()));
        Assert.Equal("2026-03-10T12:00:00Z", first.GetProperty("updatedAt").GetString());
        Assert.Equal(first.ToString(), again.ToString());
        Assert.Equal(first.ToString(), read.ToString());
        Assert.True(cleared.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("quietHours").ValueKind);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM reminder_preferences WHERE client_id = @client", ("client", clientId)));
    }

    [Fact]
    public async Task First_preferences_sent_at_once_from_two_devices_are_all_answered_and_stored_once()
    {
        var (_, app, clientId) = await ClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            app.SendJsonAsync(HttpMethod.Put, Url, new { enabled = true, quietHours = new { start = $"2{i % 4}:00", end = "07:00" } })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM reminder_preferences WHERE client_id = @client", ("client", clientId)));
    }

    [Theory]
    [InlineData("{\"enabled\":true,\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"}}", "quietHours.end")]
    [InlineData("{\"enabled\":true,\"quietHours\":{\"start\":\"10pm\",\"end\":\"07:00\"}}", "quietHours.start")]
    [InlineData("{\"enabled\":true,\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00:00\"}}", "quietHours.end")]
    [InlineData("{\"quietHours\":null}", "enabled")]
    [InlineData("{\"enabled\":\"yes\"}", "enabled")]
    [InlineData("{\"enabled\":true,\"quietHours\":{\"start\":\"22:00\"}}", "end")]
    public async Task Bad_preferences_are_a_400_naming_the_field(string body, string field)
    {
        var (_, app, _) = await ClientAsync();

        await (await app.SendJsonAsync(HttpMethod.Put, Url, body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Only_the_client_has_reminder_preferences_and_every_read_and_change_is_audited()
    {
        var (practice, app, clientId) = await ClientAsync();

        await (await app.GetAsync(Url)).ReadAsync<JsonElement>();
        await (await app.SendJsonAsync(HttpMethod.Put, Url, new { enabled = true })).ReadAsync<JsonElement>();

        await (await practice.Admin.GetAsync(Url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await practice.Integration.SendJsonAsync(HttpMethod.Put, Url, new { enabled = false })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, await Database.CountAsync(api.ConnectionString,
            "SELECT count(*) FROM audit_events WHERE action IN ('reminder_preferences.read', 'reminder_preferences.update') AND client_id = @client", ("client", clientId)));
    }

    private async Task<(TestPractice Practice, HttpClient App, Guid ClientId)> ClientAsync()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        return (practice, app, client.Id);
    }
}
