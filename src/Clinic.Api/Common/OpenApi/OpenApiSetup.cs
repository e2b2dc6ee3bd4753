using Clinic.Domain.Plans;
using Microsoft.OpenApi;
using NodaTime;

namespace Clinic.Api.Common.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/swagger/v1/swagger.json</c>) and Swagger UI (<c>/swagger</c>) with a bearer Authorize
/// button. The document is a contract that clients are generated from: the HTTP tests hold every response to it
/// and the linter checks it in CI (ADR 0020).
/// </summary>
public static class OpenApiSetup
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string DocumentPath = "/swagger/v1/swagger.json";

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static IServiceCollection AddClinicOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Clinic API",
                Version = "v1",
                Description = "Self-compassion homework plans between therapy sessions: therapists (or their EHR) assign plans, "
                    + "client apps log practice and skips, and therapists read exact, time-zone-correct adherence summaries. "
                    + "Authenticate with a bearer token (role claim: operator, admin, therapist, client or integration). "
                    + "Errors are RFC 9457 problem responses (application/problem+json); 400 responses name each invalid field under errors.",
                // The repository carries no licence file and the terms are published nowhere: the document names
                // them without inventing a URL (ADR 0020).
                License = new OpenApiLicense { Name = "Proprietary; all rights reserved" },
            });
            options.MapType<LocalDate>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Examples = [System.Text.Json.Nodes.JsonValue.Create("2026-03-02")] });
            options.MapType<LocalDate?>(() => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date" });
            options.MapType<Instant>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Examples = [System.Text.Json.Nodes.JsonValue.Create("2026-03-09T22:30:00-04:00")] });
            options.MapType<Instant?>(() => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" });
            // Domain schedules are written on the wire as ScheduleModel (JsonSetup), so they are documented as one.
            options.MapType<Schedule>(() => new OpenApiSchemaReference(nameof(Features.Plans.ScheduleModel)));
            options.MapType<IsoDayOfWeek>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Weekdays.Select(d => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(d))],
            });
            // The one JSON value taken as it is: an integration's public keys (IntegrationKeys checks them).
            options.MapType<System.Text.Json.JsonElement>(JsonWebKeySet);
            options.MapType<System.Text.Json.JsonElement?>(JsonWebKeySet);
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token. In development, POST /api/v1/dev/tokens mints one.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
            // HEAD is answered wherever GET is (HeadRequests); the document lists the GET.
            options.DocInclusionPredicate((document, description) =>
                !HttpMethods.IsHead(description.HttpMethod ?? "") && (description.GroupName is null || description.GroupName == document));
            options.SupportNonNullableReferenceTypes();
            options.CustomSchemaIds(SchemaIds.Of);
            var xml = Path.Combine(AppContext.BaseDirectory, "Clinic.Api.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }

            options.OperationFilter<ExamplesOperationFilter>();
            options.OperationFilter<StandardResponses>();
            options.SchemaFilter<WireSchemas>();
            options.DocumentFilter<ApiTags>();
        });
        return services;
    }

    private static OpenApiSchema JsonWebKeySet()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A JSON Web Key Set (RFC 7517) of the integration's public signing keys: RSA of at least 2048 bits or EC on "
                + "P-256, P-384 or P-521, each with a kid. Private parts (d, p, q, dp, dq, qi, k) are refused.",
            Required = new HashSet<string> { "keys" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["keys"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MinItems = 1,
                    MaxItems = 10,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "kty", "kid" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["kty"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Enum = [System.Text.Json.Nodes.JsonValue.Create("RSA"), System.Text.Json.Nodes.JsonValue.Create("EC")],
                            },
                            ["kid"] = Text("The key id; the assertion's header names it."),
                            ["use"] = Text("sig, when given."),
                            ["alg"] = Text("The algorithm the key signs with, e.g. RS384 or ES384."),
                            ["n"] = Text("RSA modulus, base64url."),
                            ["e"] = Text("RSA exponent, base64url."),
                            ["crv"] = Text("EC curve: P-256, P-384 or P-521."),
                            ["x"] = Text("EC x coordinate, base64url."),
                            ["y"] = Text("EC y coordinate, base64url."),
                        },
                    },
                },
            },
        };
    }

    public static WebApplication UseClinicOpenApi(this WebApplication app)
    {
        app.UseSwagger(swagger => swagger.PreSerializeFilters.Add((document, request) =>
            // The server is the one the document was fetched from, so a client generated from it calls the same API.
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This server" }]));
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint(DocumentPath, "Clinic API v1");
            ui.DocumentTitle = "Clinic API";
        });
        return app;
    }
}
