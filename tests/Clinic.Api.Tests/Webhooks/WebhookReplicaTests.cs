using Clinic.Api.Tests.Adherence;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Webhooks;

/// <summary>Two API processes run the dispatcher against one database: each event reaches the receiver once, in order per client.</summary>
public sealed class WebhookReplicaTests(WebhookApiFactory fixture) : IClassFixture<WebhookApiFactory>
{
    private ClinicApiFactory Api => fixture.Api;

    [Fact]
    public async Task Two_dispatchers_deliver_each_event_exactly_once_in_order_per_client()
    {
        await using var second = Api.SecondProcess(WebhookApiFactory.Settings);
        await second.InitializeAsync();
        _ = second.CreateClient();
        await using var receiver = new WebhookReceiver();
        var practice = await TestPractice.CreateAsync(Api);
        await WebhookDeliveryTests.SubscribeAsync(practice, receiver.Url, "completion.recorded");
        var (therapist, _) = await practice.AddTherapistAsync();
        var clients = new List<(Guid Client, HttpClient App, Guid Assignment)>();
        for (var i = 0; i < 3; i++)
        {
            var (client, app) = await practice.AddClientAsync(therapist.Id);
            var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(3));
            clients.Add((client.Id, app, plan.Assignments[0].Id));
        }

        var sent = new List<Guid>();
        for (var day = 2; day <= 9; day++)
        {
            foreach (var (_, app, assignment) in clients)
            {
                var completion = await Practise.CompleteAsync(Api, app, assignment, $"2026-03-{day:00}T15:00:00Z");
                sent.Add(completion.GetProperty("id").GetGuid());
            }
        }

        var received = await receiver.WaitForAsync(sent.Count, seconds: 40);
        await Task.Delay(1000);

        Assert.Equal(sent.Count, receiver.Received.Count);
        Assert.Equal(sent.Order(), receiver.Received.Select(r => r.Data.GetProperty("completionId").GetGuid()).Order());
        foreach (var (client, _, _) in clients)
        {
            var ofClient = received.Where(r => r.Data.GetProperty("clientId").GetGuid() == client).Select(r => r.Data.GetProperty("completionId").GetGuid()).ToList();
            Assert.Equal(sent.Where(ofClient.Contains), ofClient);
        }
    }

    [Fact]
    public async Task Events_written_before_a_database_restart_are_delivered_after_it_once()
    {
        await using var receiver = new WebhookReceiver { Status = System.Net.HttpStatusCode.ServiceUnavailable };
        var practice = await TestPractice.CreateAsync(Api);
        await WebhookDeliveryTests.SubscribeAsync(practice, receiver.Url, "completion.recorded");
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, app) = await practice.AddClientAsync(therapist.Id);
        var plan = await practice.AssignPlanAsync(client.Id, "2026-03-02", "2026-03-15", TestPractice.Daily(1));
        for (var day = 2; day <= 6; day++)
        {
            await Practise.CompleteAsync(Api, app, plan.Assignments[0].Id, $"2026-03-{day:00}T15:00:00Z");
        }

        await receiver.WaitForAsync(1);
        for (var restart = 0; restart < 3; restart++)
        {
            // Every connection the API holds to its database is cut, as a server restart would cut them.
            await Database.ExecuteAsync(Api.ConnectionString, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
            await Task.Delay(200);
        }

        receiver.Status = System.Net.HttpStatusCode.OK;
        fixture.Time.Offset = TimeSpan.FromMinutes(1);
        try
        {
            await WebhookRetryTests.WaitUntilAsync(() => Task.FromResult(receiver.Received.Count >= 1 + 5));
            await Task.Delay(1000);
            var delivered = receiver.Received.Skip(1).Select(r => r.Id).ToList();
            Assert.Equal(5, delivered.Distinct().Count());
            Assert.Equal(0, await Database.CountAsync(
                Api.ConnectionString,
                "SELECT count(*) FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE s.practice_id = @p AND d.status <> 'succeeded'",
                ("p", practice.Id)));
        }
        finally
        {
            fixture.Time.Offset = TimeSpan.Zero;
        }
    }
}
