using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Raised;

/// <summary>
/// An alert as the API lists it: what fired, where it went, whether quiet hours held it (and when it went out at
/// their end), who acknowledged it.
/// </summary>
/// <param name="ReleasedAt">When a held alert went out with its quiet spell's release (HeldAlertsReleased <paramref name="ReleaseId"/>).</param>
public sealed record AlertView(
    AlertRaised Alert,
    IReadOnlyList<AlertDelivered> Delivered,
    IReadOnlyList<AlertDeliveryFailed> Failed,
    AlertAcknowledged? Acknowledged,
    AlertHeld? Held = null,
    DateTimeOffset? ReleasedAt = null,
    Guid? ReleaseId = null);
