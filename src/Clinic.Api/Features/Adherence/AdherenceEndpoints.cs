using Clinic.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Adherence;

public static class AdherenceEndpoints
{
    public static IEndpointRouteBuilder MapAdherenceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/plans/{planId}/adherence", async (Guid planId, [FromQuery] string? asOf, [FromQuery] string? from, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetPlanAdherenceQuery(planId, asOf, from), ct)))
            .WithName("getPlanAdherence")
            .WithTags("Adherence")
            .WithSummary("A plan's adherence summary")
            .WithDescription("Every number as ADHERENCE.md (definitionsVersion 2026-12) defines it, on local dates in the client's time zone; "
                + "relief (per exercise) and moments (practice in hard moments) say what helped. "
                + "asOf: ISO 8601 instant with offset (default now); today is its local date and is reported under today, never counted. "
                + "from: yyyy-MM-dd, narrows the window's start (not after today). "
                + "Roles: admin, integration (practice), therapist (own clients and plans they assigned), client (own plans).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/clients/{clientId}/session-prep", async (Guid clientId, [FromQuery] string? asOf, [FromQuery] string? since, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetSessionPrepQuery(clientId, asOf, since), ct)))
            .WithName("getSessionPrep")
            .WithTags("Adherence")
            .WithSummary("Session preparation: a client's open alerts, plans, outcome measures and what helped since the last session")
            .WithDescription("The client's open safety alerts first (those waiting for an acknowledgement before acknowledged ones). Summaries of every "
                + "plan (not draft or cancelled) that ran between since and yesterday, each from the local date of since, with overall expected, credited "
                + "and rate, the union of their flags and the next session. measures: each outcome measure answered by asOf, with its baseline and latest "
                + "score, change and reliable change. practiceBesideOutcome: the overall rate beside the SCS-SF change over the same window, and their "
                + "pattern (ADHERENCE.md, definitions 2026-12). relief and moments say what helped between sessions, over the local days from since to "
                + "yesterday, the client's practice outside any plan included. "
                + "since: ISO 8601 instant (default asOf minus 7 days), not after asOf. Roles: admin, integration, therapist.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/caseload", async ([FromQuery] string? asOf, [FromQuery] Guid? therapistId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCaseloadQuery(asOf, therapistId), ct)))
            .WithName("getCaseload")
            .WithTags("Adherence")
            .WithSummary("Caseload triage: who needs attention first, clients with open safety alerts at the top")
            .WithDescription("One row per client with an active plan (the latest started one when there are several) or an open safety alert (planId "
                + "null when there is no active plan), sorted by open alerts waiting for an acknowledgement, then open alerts, then number of flags "
                + "(most first), then adherence rate (none first, then lowest), then name. A therapist sees their own clients "
                + "(therapistId, if sent, must be their own); an admin the practice, optionally filtered by therapistId. "
                + "A few caseloads are computed at once and the others wait their turn; 503 with Retry-After when too many wait.")
            .RequireRateLimiting(RequestLimits.CaseloadPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }
}
