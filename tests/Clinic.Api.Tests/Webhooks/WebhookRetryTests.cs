using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Clinic.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Webhooks;

public sealed class WebhookRetryTests(WebhookApiFactory fixture) : IClassFixture<WebhookApiFactory>
{
    private ClinicApiFactory Api => fixture.Api;

    [Fact]
    public async Task An_unreachable_receiver_is_retried_with_backoff_then_the_subscription_is_marked_failing_until_it_answers()
    {
        await using var receiver = new WebhookReceiver { Status = HttpStatusCode.InternalServerError };
        using var outcomes = new DeliveryOutcomes(Api.Services.GetRequiredService<IMeterFactory>());
        var practice = await TestPractice.CreateAsync(Api);
        await WebhookDeliveryTests.SubscribeAsync(practice, receiver.Url, "plan.assigned");
        var webhookId = (await (await practice.Admin.GetAsync("/api/v1/webhooks")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        try
        {
            await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
            await receiver.WaitForAsync(1);

            // Not before the pause (5 s, give or take a quarter) has passed on the clock.
            await Task.Delay(500);
            Assert.Single(receiver.Received);
            fixture.Time.Offset = TimeSpan.FromSeconds(7);
            await receiver.WaitForAsync(2);
            var pending = await DeliveriesAsync(practice, webhookId);
            Assert.Equal("pending", pending.GetProperty("status").GetString());
            Assert.Equal(2, pending.GetProperty("attempts").GetInt32());
            Assert.Equal(500, pending.GetProperty("lastStatusCode").GetInt32());

            // A day later the next attempt fails too, and the delivery is given up.
            fixture.Time.Offset = TimeSpan.FromHours(25);
            await receiver.WaitForAsync(3);
            await WaitUntilAsync(async () => (await DeliveriesAsync(practice, webhookId)).GetProperty("status").GetString() == "failed");
            var webhook = await (await practice.Admin.GetAsync($"/api/v1/webhooks/{webhookId}")).ReadJsonAsync();
            Assert.Equal("failing", webhook.GetProperty("status").GetString());
            Assert.Equal(1, await Database.CountAsync(
                Api.ConnectionString,
                "SELECT count(*) FROM audit_events WHERE action = 'webhook.failing' AND resource_id = @w AND practice_id = @p",
                ("w", webhookId), ("p", practice.Id)));

            // The receiver comes back: the next event goes through and the subscription is healthy again.
            receiver.Status = HttpStatusCode.OK;
            await practice.AssignPlanAsync(client.Id, "2026-04-02", "2026-04-15", TestPractice.Daily(1));
            await receiver.WaitForAsync(4);
            await WaitUntilAsync(async () =>
                (await (await practice.Admin.GetAsync($"/api/v1/webhooks/{webhookId}")).ReadJsonAsync()).GetProperty("status").GetString() == "active");

            // What an operator's dashboard shows of it: two failed attempts to retry, one abandoned, one delivered.
            Assert.True(outcomes["retrying"] >= 2, $"retrying: {outcomes["retrying"]}");
            Assert.True(outcomes["abandoned"] >= 1, $"abandoned: {outcomes["abandoned"]}");
            Assert.True(outcomes["delivered"] >= 1, $"delivered: {outcomes["delivered"]}");
        }
        finally
        {
            fixture.Time.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_delivered_event_can_be_replayed_with_the_same_webhook_id_but_not_one_still_being_tried()
    {
        await using var receiver = new WebhookReceiver();
        var practice = await TestPractice.CreateAsync(Api);
        var secret = await WebhookDeliveryTests.SubscribeAsync(practice, receiver.Url, "plan.assigned");
        var webhookId = (await (await practice.Admin.GetAsync("/api/v1/webhooks")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var first = (await receiver.WaitForAsync(1))[0];
        await WaitUntilAsync(async () => (await DeliveriesAsync(practice, webhookId)).GetProperty("status").GetString() == "succeeded");
        var deliveryId = (await DeliveriesAsync(practice, webhookId)).GetProperty("id").GetInt64();

        var replay = await practice.Admin.PostJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay", new { });

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var received = await receiver.WaitForAsync(2);
        Assert.Equal(first.Id, received[1].Id);
        Assert.Equal(first.Body, received[1].Body);
        WebhookDeliveryTests.Verify(secret, received[1]);

        receiver.Status = HttpStatusCode.InternalServerError;
        await practice.AssignPlanAsync(client.Id, "2026-04-02", "2026-04-15", TestPractice.Daily(1));
        await receiver.WaitForAsync(3);
        var pending = (await DeliveriesAsync(practice, webhookId)).GetProperty("id").GetInt64();
        var refused = await practice.Admin.PostJsonAsync($"/api/v1/webhooks/{webhookId}/deliveries/{pending}/replay", new { });
        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(1, 0.5, 5)]
    [InlineData(2, 0.5, 10)]
    [InlineData(5, 0.5, 80)]
    [InlineData(12, 0.5, 3600)]
    [InlineData(40, 0.5, 3600)]
    [InlineData(1, 0.0, 3.75)]
    [InlineData(1, 1.0, 6.25)]
    public void The_pause_doubles_from_five_seconds_to_an_hour_with_a_quarter_of_jitter(int attempt, double jitter, double seconds) =>
        Assert.Equal(seconds, WebhookDispatcher.Backoff(attempt, jitter).TotalSeconds, 6);

    private static async Task<System.Text.Json.JsonElement> DeliveriesAsync(TestPractice practice, Guid webhookId)
    {
        var page = await (await practice.Admin.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries")).ReadJsonAsync();
        return page.GetProperty("items")[0];
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>Counts this API's <c>clinic.webhook.deliveries</c> by outcome (only its own meters: other test servers run beside it).</summary>
    private sealed class DeliveryOutcomes : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentDictionary<string, long> counts = new();

        public DeliveryOutcomes(IMeterFactory meters)
        {
            listener.InstrumentPublished = (instrument, subscriber) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "clinic.webhook.deliveries")
                {
                    subscriber.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "outcome", Value: string outcome })
                    {
                        counts.AddOrUpdate(outcome, value, (_, count) => count + value);
                    }
                }
            });
            listener.Start();
        }

        public long this[string outcome] => counts.GetValueOrDefault(outcome);

        public void Dispose() => listener.Dispose();
    }
}
