using System.Net;
using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Clinic.Api.Tests.Webhooks;

public sealed class WebhookDeliveryTests(WebhookApiFactory fixture) : IClassFixture<WebhookApiFactory>
{
    private const string ClientName = "Philomena Quarrington";
    private const string Reflection = "Webhook-Private-Words-4471";

    private ClinicApiFactory Api => fixture.Api;

    [Fact]
    public async Task Every_write_sends_one_verifiable_event_with_ids_only_in_order()
    {
        await using var receiver = new WebhookReceiver();
        var practice = await TestPractice.CreateAsync(Api);
        var secret = await SubscribeAsync(practice, receiver.Url, "*");
        var (therapist, therapistApi) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id, name: ClientName);

        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var assignment = plan.Assignments[0].Id;
        var completion = await Practise.CompleteAsync(Api, app, assignment, "2026-03-09T20:00:00Z", reflection: Reflection, shareWithTherapist: true);
        var completionId = completion.GetProperty("id").GetGuid();
        await Succeeds(app.PatchJsonAsync($"/api/v1/me/completions/{completionId}", new { distressAfter = 3 }, idempotencyKey: Guid.NewGuid().ToString()));
        await Succeeds(app.PostJsonAsync($"/api/v1/me/completions/{completionId}/void", new { }, idempotencyKey: Guid.NewGuid().ToString()));
        await Succeeds(app.PostJsonAsync($"/api/v1/assignments/{assignment}/skips", new { date = "2026-03-08", reason = "too_distressing", note = Reflection }, idempotencyKey: Guid.NewGuid().ToString()));
        await Succeeds(therapistApi.PatchJsonAsync($"/api/v1/plans/{plan.Id}", new { title = "Renamed" }, ifMatch: "*"));
        await Succeeds(therapistApi.PostJsonAsync($"/api/v1/plans/{plan.Id}/pause", new { }));
        await Succeeds(therapistApi.PostJsonAsync($"/api/v1/plans/{plan.Id}/resume", new { }));
        await Succeeds(therapistApi.PostJsonAsync($"/api/v1/plans/{plan.Id}/complete", new { }));
        await Succeeds(practice.Admin.PatchJsonAsync($"/api/v1/clients/{client.Id}", new { discharge = true }));

        string[] expected =
        [
            "plan.assigned", "completion.recorded", "completion.corrected", "completion.voided", "skip.reported",
            "plan.changed", "plan.paused", "plan.resumed", "plan.completed", "client.discharged",
        ];
        var received = await receiver.WaitForAsync(expected.Length);
        await Task.Delay(300);

        Assert.Equal(expected, receiver.Received.Select(r => r.Type));
        Assert.Equal(expected.Length, receiver.Received.Select(r => r.Id).Distinct().Count());
        foreach (var webhook in received)
        {
            Verify(secret, webhook);
            Assert.Equal(client.Id, webhook.Data.GetProperty("clientId").GetGuid());
            Assert.Equal(practice.Id, webhook.Data.GetProperty("practiceId").GetGuid());
            Assert.DoesNotContain(Reflection, webhook.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Philomena", webhook.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Renamed", webhook.Body, StringComparison.Ordinal);
        }

        var recorded = received.Single(r => r.Type == "completion.recorded").Data;
        Assert.Equal(completionId, recorded.GetProperty("completionId").GetGuid());
        Assert.Equal(assignment, recorded.GetProperty("assignmentId").GetGuid());
        Assert.Equal(plan.Id, recorded.GetProperty("planId").GetGuid());
        Assert.Equal("too_distressing", received.Single(r => r.Type == "skip.reported").Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_subscription_gets_only_the_event_types_it_asked_for_and_only_of_its_practice()
    {
        await using var receiver = new WebhookReceiver();
        await using var elsewhere = new WebhookReceiver();
        var practice = await TestPractice.CreateAsync(Api);
        var other = await TestPractice.CreateAsync(Api);
        await SubscribeAsync(practice, receiver.Url, "completion.recorded");
        await SubscribeAsync(other, elsewhere.Url, "*");
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);

        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await Practise.CompleteAsync(Api, app, plan.Assignments[0].Id, "2026-03-09T20:00:00Z");
        await Practise.SkipAsync(app, plan.Assignments[0].Id, "2026-03-08", "forgot");

        await receiver.WaitForAsync(1);
        await Task.Delay(500);
        Assert.Equal(["completion.recorded"], receiver.Received.Select(r => r.Type));
        Assert.Empty(elsewhere.Received);
    }

    [Fact]
    public async Task A_write_that_fails_sends_nothing()
    {
        await using var receiver = new WebhookReceiver();
        var practice = await TestPractice.CreateAsync(Api);
        await SubscribeAsync(practice, receiver.Url, "*");
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        await receiver.WaitForAsync(1);

        var refused = await app.PostJsonAsync($"/api/v1/assignments/{plan.Assignments[0].Id}/completions", new { completedAt = "2026-03-20T20:00:00Z" }, idempotencyKey: "fails");
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(["plan.assigned"], receiver.Received.Select(r => r.Type));
        Assert.Equal(0, await Database.CountAsync(Api.ConnectionString, "SELECT count(*) FROM outbox_messages WHERE practice_id = @p AND type = 'completion.recorded'", ("p", practice.Id)));
    }

    [Fact]
    public async Task A_replayed_submission_raises_its_event_once()
    {
        await using var receiver = new WebhookReceiver();
        var practice = await TestPractice.CreateAsync(Api);
        await SubscribeAsync(practice, receiver.Url, "completion.recorded");
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        var url = $"/api/v1/assignments/{plan.Assignments[0].Id}/completions";

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.PostJsonAsync(url, new { completedAt = "2026-03-09T20:00:00Z" }, idempotencyKey: "once")));
        await receiver.WaitForAsync(1);
        await Task.Delay(500);

        Assert.Single(receiver.Received);
    }

    internal static async Task<string> SubscribeAsync(TestPractice practice, string url, params string[] eventTypes)
    {
        var response = await practice.Admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("secret").GetString()!;
    }

    /// <summary>Verifies a delivery with the Standard Webhooks library and by hand, as the README tells receivers to.</summary>
    internal static void Verify(string secret, ReceivedWebhook webhook)
    {
        new StandardWebhook(secret).Verify(webhook.Body, new HeaderDictionary
        {
            ["webhook-id"] = webhook.Id,
            ["webhook-timestamp"] = webhook.Timestamp,
            ["webhook-signature"] = webhook.Signature,
        });

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = System.Text.Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}");
        var expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, signed));
        Assert.Contains(expected, webhook.Signature.Split(' '));
    }

    private static async Task Succeeds(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
