namespace Monitor.Contracts.Alerts;

/// <summary>A subscription stopped raising alerts until it is resumed. Its windows keep counting.</summary>
public sealed record SubscriptionPaused(Guid SubscriptionId, string By, DateTimeOffset At);
