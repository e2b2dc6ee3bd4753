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

    public static WebApplication UseClinicOpenApi(this WebApplication app)
    {
        app.UseSwagger(swagger => swagger.PreSerializeFilters.Add((document, request) =>
            // The server is the one the document was fetched from, so a client generated from it calls the same API.
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This server" }]));
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "Clinic API v1");
            ui.DocumentTitle = "Clinic API";
        });
        return app;
    }
}
