using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// An alert that was raised, as a rule's cooldown sees it: when its story tipped (event time), in which window,
/// how severe, at which escalation level. Only raised alerts cool a rule down, never ones that were dropped.
/// </summary>
public sealed record RaisedAlert(Guid AlertId, DateTimeOffset At, DateTimeOffset WindowStart, double Severity, int Level)
{
    public static RaisedAlert Of(AlertRaised alert) => new(
        alert.AlertId,
        alert.TriggeredAt ?? alert.WindowStart,
        alert.WindowStart,
        // What must double for an escalation: the value, or for a dip the drop below the baseline.
        alert.Kind == AlertRuleKinds.SentimentDip && alert.Baseline is { } baseline ? baseline - alert.Value : alert.Value,
        alert.EscalationLevel);
}
