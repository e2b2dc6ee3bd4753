using System.Text.Json.Serialization;
using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Auth;
using Clinic.Infrastructure.Persistence;
using Clinic.Infrastructure.Webhooks;
using FluentValidation;
using Mediator;

namespace Clinic.Api.Features.Webhooks;

/// <summary>Changes a subscription's URL, event types or description, or disables and enables it. Absent fields stay.</summary>
public sealed record UpdateWebhookCommand(string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Description = null, bool? Enabled = null)
    : ICommand<WebhookResponse>
{
    [JsonIgnore]
    public Guid WebhookId { get; init; }
}

public sealed class UpdateWebhookValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookValidator(WebhookDestinations destinations)
    {
        RuleFor(c => c.Url!).NotEmpty().MaximumLength(WebhookSubscription.UrlMaxLength)
            .Must(url => destinations.RefusalOf(url) is null).WithMessage((_, url) => destinations.RefusalOf(url))
            .When(c => c.Url is not null);
        RuleFor(c => c.EventTypes).NotEmpty().When(c => c.EventTypes is not null);
        RuleForEach(c => c.EventTypes).Must(WebhookEventTypes.IsKnown)
            .WithMessage($"Unknown event type. Known: {string.Join(", ", WebhookEventTypes.Known)}, or * for all.");
        RuleFor(c => c.Description).MaximumLength(WebhookSubscription.DescriptionMaxLength);
    }
}

public sealed class UpdateWebhookHandler(ClinicDbContext db, Caller caller, AuditTrail audit) : ICommandHandler<UpdateWebhookCommand, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookAccess.FindAsync(db, caller, command.WebhookId, tracked: true, cancellationToken);
        subscription.Change(command.Url?.Trim(), command.EventTypes, command.Description, command.Enabled);
        audit.Record("webhook.update", "webhook", subscription.Id, clientId: null);
        return WebhookResponse.From(subscription);
    }
}
