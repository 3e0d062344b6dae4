namespace Monitor.Alerts.Rules;

/// <summary>A rule's condition held: what was measured and against what.</summary>
/// <param name="Severity">What must double for an escalation within the cooldown: the value, or for a dip the drop.</param>
public sealed record Measurement(
    double Value,
    double Threshold,
    double? Baseline,
    double? StandardDeviation,
    double? K,
    double Severity);
