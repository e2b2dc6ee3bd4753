using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Domain.Measures;

namespace Clinic.Api.Tests.Measures;

/// <summary>
/// A client of a therapist in a practice, with the client app and the staff who may see them, answering measures
/// as the client app does. The clock stands at 2026-03-10T12:00Z unless a test moves it.
/// </summary>
internal sealed record MeasureWorld(ClinicApiFactory Api, TestPractice Practice, HttpClient Therapist, Guid TherapistId, Guid ClientId, HttpClient App)
{
    public static async Task<MeasureWorld> CreateAsync(ClinicApiFactory api, string timeZone = "America/New_York", string? name = null)
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, timeZone, name);
        return new MeasureWorld(api, practice, therapistApi, therapist.Id, client.Id, app);
    }

    /// <summary>Another client of the same therapist, with their own app.</summary>
    public async Task<(Guid ClientId, HttpClient App)> AnotherClientAsync(string? name = null)
    {
        var (client, app) = await Practice.AddClientAsync(TherapistId, name: name);
        return (client.Id, app);
    }

    public Task<HttpResponseMessage> AnswerAsync(string measureKey, int[] answers, string answeredAt = "2026-03-10T11:00:00Z", string? idempotencyKey = null, HttpClient? app = null) =>
        (app ?? App).PostJsonAsync($"/api/v1/me/measures/{measureKey}/responses", new { answers, answeredAt }, idempotencyKey: idempotencyKey ?? Guid.NewGuid().ToString());

    public async Task<JsonElement> AnsweredAsync(string measureKey, int[] answers, string answeredAt = "2026-03-10T11:00:00Z", HttpClient? app = null)
    {
        var response = await AnswerAsync(measureKey, answers, answeredAt, app: app);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public async Task<JsonElement> SeriesAsync(string measureKey, HttpClient? caller = null)
    {
        var measures = await (await (caller ?? Therapist).GetAsync($"/api/v1/clients/{ClientId}/measures")).ReadAsync<JsonElement>();
        return measures.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measureKey").GetString() == measureKey);
    }

    /// <summary>Item values of <paramref name="instrument"/> whose scoring points (after reverse scoring) add up to <paramref name="points"/>.</summary>
    public static int[] WithPoints(Instrument instrument, int points)
    {
        var (min, max) = (instrument.MinValue, instrument.MaxValue);
        var scored = Enumerable.Repeat(min, instrument.Items.Count).ToArray();
        var left = points - (min * instrument.Items.Count);
        Assert.InRange(left, 0, (max - min) * instrument.Items.Count);
        for (var index = 0; index < scored.Length && left > 0; index++)
        {
            var add = Math.Min(max - min, left);
            scored[index] += add;
            left -= add;
        }

        return [.. scored.Select((value, index) => instrument.Items[index].Reverse ? min + max - value : value)];
    }
}
