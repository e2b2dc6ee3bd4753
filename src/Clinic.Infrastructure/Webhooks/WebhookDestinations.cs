using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Clinic.Infrastructure.Webhooks;

/// <summary>
/// Where webhooks may go (server-side request forgery guard): outside Development, only https URLs whose host
/// resolves to public addresses, unless the host is on <see cref="WebhookOptions.AllowedHosts"/>. Checked when a
/// subscription is saved and again when each delivery connects, against the addresses actually resolved, so a
/// name that later resolves to an internal address (DNS rebinding) is refused too. Redirects are not followed.
/// </summary>
public sealed class WebhookDestinations(IOptions<WebhookOptions> options)
{
    private readonly WebhookOptions settings = options.Value;

    /// <summary>Why the URL may not be used, or null when it may.</summary>
    public string? RefusalOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "url must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "url must not carry credentials or a fragment.";
        }

        if (IsTrusted(uri.Host))
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "url must use https.";
        }

        if (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host, out var literal) && IsInternal(literal)))
        {
            return "url must not point at a loopback, link-local or private address.";
        }

        return null;
    }

    /// <summary>Whether a host may resolve to internal addresses and be called over http.</summary>
    public bool IsTrusted(string host) =>
        settings.AllowAnyDestination || settings.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens the connection of a delivery, to an address of the host that is allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var trusted = IsTrusted(host);
        var allowed = addresses.Where(a => trusted || !IsInternal(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new WebhookDestinationRefusedException($"{host} resolves to no address a webhook may be sent to.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}

/// <summary>A delivery's host resolved only to addresses webhooks may not reach.</summary>
public sealed class WebhookDestinationRefusedException(string message) : Exception(message);
