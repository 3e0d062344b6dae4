namespace Monitor.Contracts.Alerts;

/// <summary>
/// The channels an alert goes to, fixed when it is raised (the subscription's channels then). Appended to
/// <c>alert-{AlertId}</c> together with its AlertRaised, in one append: the alerts service delivers from the log,
/// and each channel named here is pending until AlertDelivered or AlertDeliveryFailed. An alert held by quiet hours
/// has AlertHeld instead and goes out with the quiet spell's release.
/// </summary>
public sealed record AlertDeliveryScheduled(Guid AlertId, IReadOnlyList<AlertChannelRef> Channels, DateTimeOffset At);
