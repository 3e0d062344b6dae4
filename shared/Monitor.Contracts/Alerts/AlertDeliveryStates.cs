namespace Monitor.Contracts.Alerts;

/// <summary>Where an alert's delivery to one channel stands (<see cref="AlertChannelDelivery.State"/>).</summary>
public static class AlertDeliveryStates
{
    /// <summary>Scheduled, not tried yet.</summary>
    public const string Pending = "pending";

    /// <summary>The channel took it (AlertDelivered).</summary>
    public const string Delivered = "delivered";

    /// <summary>Failed, tried again at the next attempt time (AlertDeliveryRetrying).</summary>
    public const string Retrying = "retrying";

    /// <summary>Given up: not retryable, or the schedule ran out (AlertDeliveryFailed); a re-send tries again.</summary>
    public const string Failed = "failed";
}
