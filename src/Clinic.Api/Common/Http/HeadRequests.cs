using Microsoft.AspNetCore.Http.Features;

namespace Clinic.Api.Common.Http;

/// <summary>
/// HEAD wherever GET is answered (RFC 9110, section 9.3.2): the same endpoint runs, with the same authorisation, rate
/// limit and audit entry, and the answer carries the GET's status and headers (ETag, Content-Type) without a body.
/// Monitors, proxies and clients that check whether a resource exists or changed use it. The OpenAPI document lists
/// GET only (<see cref="OpenApi.OpenApiSetup"/>).
/// </summary>
public static class HeadRequests
{
    /// <summary>Lets every GET endpoint of <paramref name="builder"/> answer HEAD as well.</summary>
    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault();
            if (methods is { HttpMethods: [var only] } && HttpMethods.IsGet(only))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }

    /// <summary>
    /// Discards what is written to a HEAD answer's body. Kestrel does so on its own; this holds for any server the API
    /// is hosted in, and keeps a length the endpoint sets.
    /// </summary>
    public static IApplicationBuilder UseHeadRequests(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        }

        return next(context);
    });
}
