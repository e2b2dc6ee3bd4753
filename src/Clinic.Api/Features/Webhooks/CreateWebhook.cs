using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Webhooks;
using FluentValidation;
using Mediator;
using NodaTime;

namespace Clinic.Api.Features.Webhooks;

/// <summary>A practice admin subscribes a URL to events of their practice; the signing secret is shown once.</summary>
public sealed record CreateWebhookCommand(string Url, IReadOnlyList<string> EventTypes, string? Description = null) : ICommand<WebhookSecretResponse>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(WebhookDestinations destinations)
    {
        RuleFor(c => c.Url).NotEmpty().MaximumLength(WebhookSubscription.UrlMaxLength)
            .Must(url => destinations.RefusalOf(url) is null).WithMessage((_, url) => destinations.RefusalOf(url));
        RuleFor(c => c.EventTypes).NotEmpty();
        RuleForEach(c => c.EventTypes).Must(WebhookEventTypes.IsKnown)
            .WithMessage($"Unknown event type. Known: {string.Join(", ", WebhookEventTypes.Known)}, or * for all.");
        RuleFor(c => c.Description).MaximumLength(WebhookSubscription.DescriptionMaxLength);
    }
}

public sealed class CreateWebhookHandler(ClinicDbContext db, Caller caller, AuditTrail audit, IClock clock)
    : ICommandHandler<CreateWebhookCommand, WebhookSecretResponse>
{
    public ValueTask<WebhookSecretResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        caller.RequireRole(Roles.Admin);
        var subscription = WebhookSubscription.Create(caller.Practice, command.Url.Trim(), command.EventTypes, command.Description, clock.GetCurrentInstant());
        db.WebhookSubscriptions.Add(subscription);
        audit.Record("webhook.create", "webhook", subscription.Id, clientId: null);
        return ValueTask.FromResult(new WebhookSecretResponse(WebhookResponse.From(subscription), subscription.Secret));
    }
}
