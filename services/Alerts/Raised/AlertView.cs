using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Raised;

/// <summary>An alert as the API lists it: what fired, where it went, whether quiet hours held it, who acknowledged it.</summary>
public sealed record AlertView(
    AlertRaised Alert,
    IReadOnlyList<AlertDelivered> Delivered,
    IReadOnlyList<AlertDeliveryFailed> Failed,
    AlertAcknowledged? Acknowledged,
    AlertHeld? Held = null);
