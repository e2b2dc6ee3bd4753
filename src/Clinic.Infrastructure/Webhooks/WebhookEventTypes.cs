namespace Clinic.Infrastructure.Webhooks;

/// <summary>The event types a subscription may ask for (docs: README, "Webhooks"); <c>*</c> asks for all.</summary>
public static class WebhookEventTypes
{
    public const string All = "*";

    public static readonly IReadOnlyList<string> Known =
    [
        "completion.recorded", "completion.corrected", "completion.voided", "skip.reported",
        "plan.assigned", "plan.changed", "plan.activated", "plan.paused", "plan.resumed", "plan.completed", "plan.cancelled",
        "client.discharged",
        "measure.completed",
        "alert.opened", "alert.retriggered", "alert.acknowledged", "alert.resolved",
    ];

    public static bool IsKnown(string type) => type == All || Known.Contains(type);
}
