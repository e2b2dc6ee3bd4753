using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Webhooks;

/// <summary>
/// The API with its webhook dispatcher running and quick to poll, allowed to call receivers on 127.0.0.1, on a
/// dispatcher clock the tests can move forward (<see cref="Time"/>).
/// </summary>
public sealed class WebhookApiFactory : ConfiguredApiFactory
{
    public WebhookApiFactory()
        : base(Settings) => Api.WebhookTime = Time;

    public ShiftedTime Time { get; } = new();

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:DispatcherEnabled"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
    };
}

/// <summary>The system's time, moved forward by <see cref="Offset"/>.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
