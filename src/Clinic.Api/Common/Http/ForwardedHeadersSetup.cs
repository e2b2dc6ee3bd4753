using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Clinic.Api.Common.Http;

/// <summary>
/// Behind a load balancer or a TLS-terminating proxy every request arrives from the proxy, over plain HTTP. The proxy
/// names the caller's address and scheme in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>; the API believes
/// them only from the proxies it is told to trust (ADR 0080), so the audit trail records the caller's address, the
/// token requests are counted per caller and not per balancer, and the token service and the pages see HTTPS.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Reads <c>ForwardedHeaders:KnownProxies</c> (addresses), <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges) and
    /// <c>ForwardedHeaders:ForwardLimit</c> (proxies in a chain, default 1). Loopback stays trusted, as in ASP.NET Core.
    /// A value that is not an address or a range stops the start, naming its setting.
    /// </summary>
    public static IServiceCollection AddClinicForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Entries(section, "KnownProxies").Select(entry => IPAddress.TryParse(entry.Value, out var address)
            ? address
            : throw new InvalidOperationException($"{entry.Key} must be an IP address, such as 10.0.0.5; got '{entry.Value}'.")).ToList();
        var networks = Entries(section, "KnownNetworks").Select(entry => System.Net.IPNetwork.TryParse(entry.Value, out var network)
            ? network
            : throw new InvalidOperationException($"{entry.Key} must be an address range in CIDR notation, such as 10.0.0.0/8; got '{entry.Value}'.")).ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        if (limit < 1)
        {
            throw new InvalidOperationException($"{Section}:ForwardLimit must be 1 or more; got {limit}.");
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = limit;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    private static IEnumerable<(string Key, string Value)> Entries(IConfigurationSection section, string name) =>
        section.GetSection(name).GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .Select(child => ($"{Section}:{name}:{child.Key}", child.Value!.Trim()));
}
