using Clinic.Api.Common.Http;
using Clinic.Api.Features.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clinic.Api.Common.OpenApi;

/// <summary>
/// Documents on every operation the answers that the pipeline rather than the handler gives, read from the
/// endpoint's metadata: 401 and 503 wherever a token is needed (and so the database is used), 429 where writes are
/// rate limited, 400/413/415 where a body or parameters are read, 404 where the path names a resource, the
/// Idempotency-Key header and its 422, the Location, ETag, Retry-After and WWW-Authenticate headers, and the headers an
/// endpoint declares with <see cref="ResponseHeaderExtensions.WithResponseHeader"/>. Statuses a
/// handler gives are declared beside the endpoint (<c>ProducesProblem</c>); this adds only what is missing.
/// </summary>
internal sealed class StandardResponses : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var method = context.ApiDescription.HttpMethod ?? "";
        var parameters = context.ApiDescription.ParameterDescriptions;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validationProblem = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];

        var authenticated = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (authenticated)
        {
            Add(operation, 401, "The bearer token is missing, expired or not valid.", problem)
                .Headers!["WWW-Authenticate"] = Header("The authentication scheme to use: Bearer, with the error when a token was sent.", required: true);
            Add(operation, 403, "The caller's role or practice may not do this.", problem);
            Add(operation, 503, "The database cannot be reached right now; retry after Retry-After seconds.", problem);
        }
        else
        {
            operation.Security = [];
        }

        // Every operation can be sent a query string, and one with a NUL in it is a 400 before any endpoint runs
        // (RequestLimits.UseQueryTextGuard), whether or not the operation reads parameters of its own.
        var hasBody = operation.RequestBody is not null || parameters.Any(p => p.Source == BindingSource.Body);
        Add(operation, 400, "The request is not valid; errors names each invalid field or parameter.", validationProblem);

        if (hasBody)
        {
            Add(operation, 413, $"The body is larger than {RequestLimits.MaxBodyBytes / 1024} KB.", problem);
            Add(operation, 415, "The body is not application/json.", problem);
        }

        if (parameters.Any(p => p.Source == BindingSource.Path))
        {
            Add(operation, 404, "Nothing the caller may see has this id.", problem);
        }

        var rateLimit = metadata.OfType<EnableRateLimitingAttribute>().LastOrDefault()?.PolicyName;
        if (rateLimit == RequestLimits.WritePolicy && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            Add(operation, 429, "Too many writes from this caller; retry after Retry-After seconds.", problem);
        }

        if (rateLimit == RequestLimits.CaseloadPolicy)
        {
            Add(operation, 503, "Too many caseloads are waiting to be computed; retry after Retry-After seconds.", problem);
        }

        var idempotency = metadata.OfType<IdempotencyPolicy>().LastOrDefault();
        if (IdempotencyFilter.AppliesTo(method) && idempotency is { Disabled: false })
        {
            DocumentIdempotencyKey(operation, idempotency.Required, problem);
        }

        foreach (var (status, response) in operation.Responses)
        {
            DocumentHeaders(status, response, context);
        }

        foreach (var header in metadata.OfType<ResponseHeader>())
        {
            var key = header.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var response) && response is OpenApiResponse documented)
            {
                documented.Headers ??= new Dictionary<string, IOpenApiHeader>();
                documented.Headers[header.Name] = Header(header.Description, required: false);
            }
        }
    }

    private static void DocumentIdempotencyKey(OpenApiOperation operation, bool required, IOpenApiSchema problem)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyFilter.Header,
            In = ParameterLocation.Header,
            Required = required,
            Description = "A unique string per logical request (for example a UUID). A retry with the same key and body gets the first answer again, "
                + "marked Idempotent-Replayed: true; the same key with another request (method, path or body) is 422.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyFilter.MaxKeyLength },
        });
        Add(operation, 422, "A business rule is broken, or the Idempotency-Key was used before with another request.", problem);
        foreach (var (status, response) in operation.Responses!)
        {
            if (status.StartsWith('2') && response is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers["Idempotent-Replayed"] = Header("true when this is the stored answer to an earlier request with the same Idempotency-Key.", required: false);
            }
        }
    }

    private static void DocumentHeaders(string status, IOpenApiResponse response, OperationFilterContext context)
    {
        if (response is not OpenApiResponse concrete)
        {
            return;
        }

        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (status == "201")
        {
            concrete.Headers["Location"] = Header("The URL of the created resource.", required: true);
        }

        if (status == "304")
        {
            concrete.Headers["ETag"] = Header("The current version, the one the caller named in If-None-Match.", required: true);
        }

        if (status is "429" or "503")
        {
            concrete.Headers["Retry-After"] = Header("Seconds to wait before retrying.", required: true, JsonSchemaType.Integer);
        }

        var plan = context.SchemaRepository.Schemas.ContainsKey(nameof(PlanResponse)) ? nameof(PlanResponse) : null;
        if (status.StartsWith('2') && plan is not null && concrete.Content?.Values.Any(media => media.Schema is OpenApiSchemaReference { Reference.Id: var id } && id == plan) == true)
        {
            concrete.Headers["ETag"] = Header("The plan's version; send it back in If-Match to change the plan.", required: true);
        }
    }

    private static OpenApiResponse Add(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse documented)
        {
            documented.Headers ??= new Dictionary<string, IOpenApiHeader>();
            return documented;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } },
            Headers = new Dictionary<string, IOpenApiHeader>(),
        };
        operation.Responses[key] = response;
        return response;
    }

    private static OpenApiHeader Header(string description, bool required, JsonSchemaType type = JsonSchemaType.String) =>
        new() { Description = description, Required = required, Schema = new OpenApiSchema { Type = type } };
}
