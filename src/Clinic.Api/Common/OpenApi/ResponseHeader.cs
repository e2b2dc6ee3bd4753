namespace Clinic.Api.Common.OpenApi;

/// <summary>A header an endpoint sets on one of its answers, documented by <see cref="StandardResponses"/>.</summary>
internal sealed record ResponseHeader(int Status, string Name, string Description);

internal static class ResponseHeaderExtensions
{
    /// <summary>Documents a header the endpoint's handler sets on its answer with <paramref name="status"/>.</summary>
    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int status, string name, string description) =>
        builder.WithMetadata(new ResponseHeader(status, name, description));
}
