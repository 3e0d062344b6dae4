using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Raised;

/// <summary>
/// An alert as the API lists it: what fired, where it went, whether quiet hours held it (and when it went out at
/// their end), who acknowledged it.
/// </summary>
/// <param name="Delivered">Every AlertDelivered, a re-send's included.</param>
/// <param name="Failed">Every AlertDeliveryFailed (given up), also those a re-send later delivered.</param>
/// <param name="ReleasedAt">When a held alert went out with its quiet spell's release (HeldAlertsReleased <paramref name="ReleaseId"/>).</param>
public sealed record AlertView(
    AlertRaised Alert,
    IReadOnlyList<AlertDelivered> Delivered,
    IReadOnlyList<AlertDeliveryFailed> Failed,
    AlertAcknowledged? Acknowledged,
    AlertHeld? Held = null,
    DateTimeOffset? ReleasedAt = null,
    Guid? ReleaseId = null)
{
    /// <summary>Where the alert's delivery to each channel stands now: pending, delivered, retrying (when next) or failed (why).</summary>
    public IReadOnlyList<AlertChannelDelivery> Channels { get; init; } = [];
}
