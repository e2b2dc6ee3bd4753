using System.Diagnostics.Metrics;

namespace Clinic.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments, published beside those of ASP.NET Core, the runtime and Npgsql. Their tags are
/// outcomes and kinds, never an id, a name or anything a client wrote.
/// </summary>
public sealed class ClinicMetrics
{
    public const string MeterName = "Clinic";

    private readonly Counter<long> webhookDeliveries;

    public ClinicMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        webhookDeliveries = meter.CreateCounter<long>(
            "clinic.webhook.deliveries",
            unit: "{delivery}",
            description: "Webhook delivery attempts, by outcome: delivered, retrying (the receiver failed and will be tried again) or abandoned.");
    }

    public void WebhookDelivered() => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));

    public void WebhookRetrying() => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "retrying"));

    public void WebhookAbandoned() => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "abandoned"));
}
