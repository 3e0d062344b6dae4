using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Startup;

public static class AlertsEventTypes
{
    public static readonly IReadOnlyList<string> Subscription =
    [
        MonitorEventTypes.SubscriptionCreated, MonitorEventTypes.SubscriptionRulesChanged, MonitorEventTypes.SubscriptionScopeChanged,
        MonitorEventTypes.SubscriptionChannelsChanged, MonitorEventTypes.SubscriptionPaused, MonitorEventTypes.SubscriptionResumed,
    ];

    public static readonly IReadOnlyList<string> Alert =
    [
        MonitorEventTypes.AlertRaised, MonitorEventTypes.AlertDelivered, MonitorEventTypes.AlertDeliveryFailed, MonitorEventTypes.AlertAcknowledged,
    ];
}
