using Clinic.Api.Common.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Clinic.Api.Features.Webhooks;

public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");

        group.MapPost("/", async (CreateWebhookCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/webhooks/{created.Webhook.Id}", created);
            })
            .WithName("createWebhook")
            .WithoutIdempotencyReplay()
            .WithSummary("Subscribe a URL to the practice's events")
            .WithDescription("Admins only. eventTypes: any of completion.recorded, completion.corrected, completion.voided, skip.reported, plan.assigned, "
                + "plan.changed, plan.activated, plan.paused, plan.resumed, plan.completed, plan.cancelled, client.discharged, or * for all. Outside "
                + "Development the URL must be https and must not resolve to a loopback, link-local or private address unless its host is in "
                + "Webhooks:AllowedHosts. The signing secret (whsec_...) is in this answer only; store it. Deliveries follow the Standard Webhooks "
                + "specification and carry ids only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListWebhooksQuery(), ct)))
            .WithName("listWebhooks")
            .WithSummary("List the practice's webhook subscriptions")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{webhookId}", async (Guid webhookId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetWebhookQuery(webhookId), ct)))
            .WithName("getWebhook")
            .WithSummary("Read a webhook subscription")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{webhookId}", async (Guid webhookId, UpdateWebhookCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command with { WebhookId = webhookId }, ct)))
            .WithName("updateWebhook")
            .WithSummary("Change, disable or enable a webhook subscription")
            .WithDescription("Admins only. Absent fields stay as they are. Enabling a failing subscription marks it active again; deliveries waiting while it was disabled are sent.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{webhookId}/secret", async (Guid webhookId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RotateWebhookSecretCommand(webhookId), ct)))
            .WithName("rotateWebhookSecret")
            .WithoutIdempotencyReplay()
            .WithSummary("Rotate a webhook subscription's signing secret")
            .WithDescription("Admins only. The new secret is in this answer only. For 24 hours every delivery carries two signatures, with the old and the new secret.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{webhookId}", async (Guid webhookId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhookCommand(webhookId), ct);
                return TypedResults.NoContent();
            })
            .WithName("deleteWebhook")
            .WithSummary("Delete a webhook subscription")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{webhookId}/deliveries", async (
                Guid webhookId, [FromQuery] string? status, [FromQuery] long? cursor, [FromQuery] int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListWebhookDeliveriesQuery(webhookId, status, cursor, limit), ct)))
            .WithName("listWebhookDeliveries")
            .WithSummary("List a webhook subscription's deliveries, newest first")
            .WithDescription("Admins only. status filters (pending, succeeded, failed); pages of at most 100, pass nextCursor as cursor.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{webhookId}/deliveries/{deliveryId}/replay", async (Guid webhookId, long deliveryId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted($"/api/v1/webhooks/{webhookId}/deliveries", await mediator.Send(new ReplayWebhookDeliveryCommand(webhookId, deliveryId), ct)))
            .WithName("replayWebhookDelivery")
            .WithSummary("Send an event to the subscription again")
            .WithDescription("Admins only. A new delivery of the same event (same webhook-id), sent after the client's other pending deliveries. "
                + "A delivery still being tried is 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
