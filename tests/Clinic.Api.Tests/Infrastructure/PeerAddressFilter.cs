using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// Tests only: a request with <c>X-Test-Peer: &lt;address&gt;</c> arrives from that address, as a request reaching the
/// API over a network would (in memory there is no peer). It runs before the API's own pipeline, so the API's
/// handling of forwarded headers sees the address as it would see a load balancer's.
/// </summary>
public sealed class PeerAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            if (context.Request.Headers.Remove(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            await proceed(context);
        });
        next(app);
    };
}
