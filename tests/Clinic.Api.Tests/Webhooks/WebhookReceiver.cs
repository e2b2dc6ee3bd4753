using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

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
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly Task loop;

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    public string Url { get; }

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

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

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
}
