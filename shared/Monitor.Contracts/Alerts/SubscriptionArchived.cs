namespace Monitor.Contracts.Alerts;

/// <summary>
/// A subscription was deleted: it raises nothing from now on and is no longer listed. Its stream and the alerts it
/// raised stay in the log. The last event of the stream <c>subscription-{SubscriptionId}</c>.
/// </summary>
public sealed record SubscriptionArchived(Guid SubscriptionId, string By, DateTimeOffset At);
