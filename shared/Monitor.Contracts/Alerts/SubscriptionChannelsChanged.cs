namespace Monitor.Contracts.Alerts;

/// <summary>A subscription's channels were replaced as a whole.</summary>
public sealed record SubscriptionChannelsChanged(Guid SubscriptionId, IReadOnlyList<AlertChannel> Channels, string By, DateTimeOffset At);
