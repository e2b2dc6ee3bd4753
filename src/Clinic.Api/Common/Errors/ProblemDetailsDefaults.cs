namespace Clinic.Api.Common.Errors;

/// <summary>
/// What every problem response carries: the request's trace id, and for an address or method under <c>/api</c> the
/// API has no operation for (answered by the status-code pages, not by an endpoint), a detail that says so and where
/// the operations are listed.
/// </summary>
internal static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Extensions["traceId"] = http.TraceIdentifier;
        var request = http.Request;
        if (context.Exception is not null || problem.Detail is not null || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound when http.GetEndpoint() is null =>
                $"There is no operation at {request.Method} {request.Path}. The API's operations are listed in its OpenAPI document, {OpenApi.OpenApiSetup.DocumentPath}.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Path} does not take {request.Method}. The methods it takes are in the API's OpenAPI document, {OpenApi.OpenApiSetup.DocumentPath}.",
            _ => null,
        };
    }
}
