using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Webhooks;

/// <summary>One request a receiver got: its Standard Webhooks headers and body.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public JsonElement Data => Json.GetProperty("data");
}

/// <summary>
/// A webhook receiver on 127.0.0.1 that records every request and answers with <see cref="Status"/> (200 unless
/// a test makes it fail).
/// </summary>
public sealed class WebhookReceiver() : LoopbackServer("/hooks/")
{
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    public string Url => Origin + "/hooks/";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    /// <summary>Waits until the receiver holds at least <paramref name="count"/> requests, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} webhook requests, got {received.Count}: {string.Join(", ", Received.Select(r => r.Type))}");
            await Task.Delay(50);
        }

        return Received;
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        received.Enqueue(new ReceivedWebhook(
            context.Request.Headers["webhook-id"] ?? "",
            context.Request.Headers["webhook-timestamp"] ?? "",
            context.Request.Headers["webhook-signature"] ?? "",
            body));
        context.Response.StatusCode = (int)Status;
        context.Response.Close();
    }
}
