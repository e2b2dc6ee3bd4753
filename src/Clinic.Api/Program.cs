using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Api.Common.Behaviours;
using Clinic.Api.Common.Errors;
using Clinic.Api.Common.Http;
using Clinic.Api.Common.Json;
using Clinic.Api.Common.OpenApi;
using Clinic.Api.Features.Adherence;
using Clinic.Api.Features.Alerts;
using Clinic.Api.Features.Audit;
using Clinic.Api.Features.Clients;
using Clinic.Api.Features.Completions;
using Clinic.Api.Features.Dev;
using Clinic.Api.Features.Exercises;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Features.Health;
using Clinic.Api.Features.Integrations;
using Clinic.Api.Features.Me;
using Clinic.Api.Features.Measures;
using Clinic.Api.Features.Onboarding;
using Clinic.Api.Features.Plans;
using Clinic.Api.Features.Practices;
using Clinic.Api.Features.Reminders;
using Clinic.Api.Features.Support;
using Clinic.Api.Features.Therapists;
using Clinic.Api.Features.Timeline;
using Clinic.Api.Features.Tokens;
using Clinic.Api.Features.Web;
using Clinic.Api.Features.Webhooks;
using Clinic.Api.Startup;
using Clinic.Infrastructure;
using FluentValidation;
using NodaTime;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddClinicSecretFiles();
// No Server header: what the API runs on is no caller's business.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Logging.ClearProviders();
// One JSON object per entry, with the request's scopes: its RequestId (the traceId of a problem response and the
// requestId of its audit entries) and its TraceId (the trace's, when traces are exported; ADR 0081).
builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWebhooks(builder.Configuration, builder.Environment.IsDevelopment());
builder.Services.AddRetention(builder.Configuration);
builder.Services.AddClinicAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddScoped<Caller>();
builder.Services.AddScoped<Access>();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddScoped<IdempotentRequest>();
builder.Services.AddScoped<SafetyAlerts>();
builder.Services.AddScoped<AlertAccess>();
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
// Validators hold no state; building their rules once rather than per request matters on the hot paths.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
ValidatorOptions.Global.PropertyNameResolver = CamelCasePropertyNames.Resolve;
ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : CamelCasePropertyNames.ToCamelCase(member.Name);
builder.Services.ConfigureHttpJsonOptions(options => JsonSetup.Configure(options.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddFhirFacade();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddClinicHealthChecks(builder.Configuration);
builder.Services.AddClinicTelemetry(builder.Configuration);
builder.Services.AddClinicOpenApi();
builder.Services.AddClinicStartupTasks(builder.Configuration, builder.Environment);
builder.Services.AddClinicRequestLimits(builder.Configuration);
builder.Services.AddClinicForwardedHeaders(builder.Configuration);
builder.Services.AddClinicTokenService(builder.Configuration, builder.Environment);
builder.Services.AddClinicWeb(builder.Configuration, builder.Environment);
builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
{
    // Closed unless origins are configured: only listed client-app origins may call from a browser.
    var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
    if (origins.Length > 0)
    {
        policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("ETag", "Location", "Retry-After");
    }
}));
builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();

// First: everything after it (HTTPS, the audit trail's source address, the token requests' limit) sees the caller.
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseHeadRequests();
if (!app.Environment.IsDevelopment() && app.Configuration.GetValue("Transport:RequireHttps", true))
{
    // TLS is terminated here or by a trusted proxy in front (X-Forwarded-Proto, ADR 0080); plain HTTP is sent to HTTPS.
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseBodySizeLimit();
app.UseQueryTextGuard();
app.UseClinicWebAssets();
app.UseCors();
app.UseClinicOpenApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.Use(async (context, next) =>
{
    context.RequestServices.GetRequiredService<Caller>().SetFrom(context);
    if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method))
    {
        // Idempotency compares request bodies, so they must be readable twice.
        context.Request.EnableBuffering();
    }

    await next(context);
});

app.MapHealthEndpoints();
if (TokenService.IsEnabled(app.Configuration))
{
    app.MapTokenEndpoints();
    app.MapAuthorizationEndpoints();
}

app.MapClinicWeb();

app.MapFhirEndpoints();
var api = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting(RequestLimits.WritePolicy).WithIdempotency().AnswerHeadLikeGet();
api.MapPracticeEndpoints();
api.MapTherapistEndpoints();
api.MapClientEndpoints();
api.MapExerciseEndpoints();
api.MapPlanEndpoints();
api.MapMeEndpoints();
api.MapCompletionEndpoints();
api.MapAuditEndpoints();
api.MapIntegrationEndpoints();
api.MapOnboardingEndpoints();
api.MapAdherenceEndpoints();
api.MapWebhookEndpoints();
api.MapTimelineEndpoints();
api.MapReminderEndpoints();
api.MapSupportEndpoints();
api.MapMeasureEndpoints();
api.MapAlertEndpoints();
if (app.Configuration.GetValue<bool>("Auth:DevTokens:Enabled"))
{
    api.MapDevTokenEndpoints();
}

await app.RunAsync();

/// <summary>The API's entry point; public so the HTTP tests can host it.</summary>
public partial class Program;
