using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Startup;

public static class AlertsEventTypes
{
    /// <summary>Every event type of a subscription stream: all of them are read, so the folded version is the stream's.</summary>
    public static readonly IReadOnlyList<string> Subscription =
    [
        MonitorEventTypes.SubscriptionCreated, MonitorEventTypes.SubscriptionRulesChanged, MonitorEventTypes.SubscriptionScopeChanged,
        MonitorEventTypes.SubscriptionChannelsChanged, MonitorEventTypes.SubscriptionPaused, MonitorEventTypes.SubscriptionResumed,
        MonitorEventTypes.SubscriptionRenamed, MonitorEventTypes.SubscriptionQuietHoursChanged, MonitorEventTypes.SubscriptionDigestChanged,
        MonitorEventTypes.SubscriptionArchived,
    ];

    public static readonly IReadOnlyList<string> Alert =
    [
        MonitorEventTypes.AlertRaised, MonitorEventTypes.AlertDelivered, MonitorEventTypes.AlertDeliveryFailed, MonitorEventTypes.AlertAcknowledged,
        MonitorEventTypes.AlertHeld, MonitorEventTypes.AlertDeliveryScheduled, MonitorEventTypes.AlertDeliveryRetrying,
    ];

    public static readonly IReadOnlyList<string> Digest = [MonitorEventTypes.DigestSent];

    public static readonly IReadOnlyList<string> HeldRelease = [MonitorEventTypes.HeldAlertsReleased];
}
