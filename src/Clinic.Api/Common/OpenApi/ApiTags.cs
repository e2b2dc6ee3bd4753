using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clinic.Api.Common.OpenApi;

/// <summary>
/// Describes every tag the operations use, so generated clients and Swagger UI can say what each group is for.
/// A tag without a description here is listed bare, and the document tests and the linter fail on it.
/// </summary>
internal sealed class ApiTags : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Practices"] = "Practices are the tenants: every therapist, client, plan and audit entry belongs to one. Operators create them.",
        ["Therapists"] = "The practice's therapists, managed by its admins; EHRs may create or update them by their own provider ids.",
        ["Clients"] = "Clients (patients) of the practice, each with a primary therapist and the IANA time zone all adherence dates are local to.",
        ["Exercises"] = "The exercise library: the built-in self-compassion practices and the practice's own, each with ordered steps an app can guide, a typical duration, tags and its source.",
        ["Plans"] = "Homework plans: a client's assignments of exercises, in the order given, on daily, weekly, one-off or as-needed schedules, with their lifecycle (draft, active, paused, completed, cancelled). Edits need If-Match with the plan's ETag.",
        ["Completions"] = "What the client app logs: completed practices with duration, distress and helpfulness ratings and reflections, and skipped ones with their reason. Both need an Idempotency-Key.",
        ["Client app"] = "Calls for the signed-in client's app: their plans, today's practices, support in a hard moment and logging any practice, the outcome measures they are asked to complete and their answers, their control over what they logged (share, withdraw, erase, correct, void), a copy of all their data, and the one-time codes that sign the app in.",
        ["Adherence"] = "Adherence summaries as ADHERENCE.md defines them: one plan, a client's session preparation, and the therapist's caseload triage.",
        ["Timeline"] = "A client's practice day by day in their time zone: what was due and done, each completion with its ratings, and skips; the data behind charts of practice and distress.",
        ["Outcome measures"] = "Validated questionnaires (SCS-SF, PHQ-9, GAD-7) as MEASURES.md defines them: the instruments, the schedules that ask a client to complete them, and each client's scores with change from baseline and reliable change.",
        ["Safety alerts"] = "Risk routed to a person: alerts opened by a client's crisis answers (PHQ-9 item 9, distress after practice of 9 or 10, repeated too-distressing skips), acknowledged and resolved by staff.",
        ["Audit"] = "The practice's audit trail: who read or wrote which client's data, when, and with what outcome.",
        ["Integrations"] = "EHR integrations: OAuth2 client-credentials clients of the practice that call the REST API or the FHIR endpoints at /fhir.",
        ["Webhooks"] = "Signed event notifications (Standard Webhooks) to the practice's own URLs: subscriptions, their secrets, and every delivery with its attempts.",
        ["Development"] = "Development helpers, present only when the server enables them (never in production).",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var used = swaggerDoc.Paths.Values
            .SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = Descriptions.GetValueOrDefault(name),
        }));
    }
}
