using Clinic.Domain.Alerts;
using Clinic.Domain.Common;
using NodaTime;

namespace Clinic.Domain.Tests.Alerts;

/// <summary>An alert's life: open, triggered again, acknowledged, resolved with a note, and the events each step raises.</summary>
public sealed class SafetyAlertTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    private static readonly AlertTrigger Trigger = new(Guid.NewGuid(), Guid.NewGuid(), AlertCause.Phq9Item9, AlertSourceType.MeasureResponse, Guid.NewGuid(), 1);

    [Fact]
    public void An_alert_opens_unacknowledged_with_its_trigger_and_raises_alert_opened()
    {
        var alert = SafetyAlert.Open(Trigger, Now);

        Assert.Equal((AlertStatus.Open, 1, false, Trigger.SourceId, 1), (alert.Status, alert.TriggerCount, alert.IsAcknowledged, alert.SourceId, alert.Value));
        Assert.Equal(["alert.opened"], alert.TakeEvents().Select(e => e.Type));
    }

    [Fact]
    public void A_new_trigger_after_an_acknowledgement_asks_for_another()
    {
        var alert = SafetyAlert.Open(Trigger, Now);
        alert.Acknowledge("therapist-1", "Calling today.", Now);
        Assert.True(alert.IsAcknowledged);
        Assert.Equal(["alert.opened", "alert.acknowledged"], alert.TakeEvents().Select(e => e.Type));

        alert.Retrigger(Trigger with { SourceId = Guid.NewGuid(), Value = 3 }, Now);

        Assert.False(alert.IsAcknowledged);
        Assert.Equal((2, 3), (alert.TriggerCount, alert.Value));
        Assert.Equal("Calling today.", alert.AcknowledgeNote);
        alert.Acknowledge("therapist-1", null, Now + Duration.FromMinutes(5));
        Assert.True(alert.IsAcknowledged);
        Assert.Equal("Calling today.", alert.AcknowledgeNote);
        Assert.Equal(["alert.retriggered", "alert.acknowledged"], alert.TakeEvents().Select(e => e.Type));
    }

    [Fact]
    public void Only_an_open_alert_of_the_same_client_and_cause_can_be_triggered_again()
    {
        var alert = SafetyAlert.Open(Trigger, Now);

        Assert.Throws<InvalidOperationException>(() => alert.Retrigger(Trigger with { Cause = AlertCause.HighDistressAfterPractice }, Now));
        Assert.Throws<InvalidOperationException>(() => alert.Retrigger(Trigger with { ClientId = Guid.NewGuid() }, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Resolving_needs_a_note(string? note)
    {
        var alert = SafetyAlert.Open(Trigger, Now);

        var broken = Assert.Throws<DomainException>(() => alert.Resolve("admin-1", note, Now));

        Assert.Equal(("required", "note"), (broken.Rule, broken.Field));
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public void A_resolved_alert_can_be_neither_acknowledged_nor_resolved_again()
    {
        var alert = SafetyAlert.Open(Trigger, Now);
        alert.Resolve("admin-1", "Reviewed the safety plan in session.", Now);

        Assert.Equal((AlertStatus.Resolved, "admin-1", Now), (alert.Status, alert.ResolvedBy, alert.ResolvedAt!.Value));
        Assert.Throws<ConflictException>(() => alert.Acknowledge("admin-1", null, Now));
        Assert.Throws<ConflictException>(() => alert.Resolve("admin-1", "Again.", Now));
        Assert.Throws<InvalidOperationException>(() => alert.Retrigger(Trigger, Now));
    }
}
