using System.Net;
using System.Net.Sockets;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// An HTTP server on a free port of 127.0.0.1 for the API to call (a webhook receiver, a telemetry collector): each
/// request goes to <see cref="HandleAsync"/>, which answers it.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    protected LoopbackServer(string path = "/")
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Origin = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Origin + path);
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    /// <summary>Scheme, host and port, without a path.</summary>
    public string Origin { get; }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task HandleAsync(HttpListenerContext context);

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

            await HandleAsync(context);
        }
    }
}
