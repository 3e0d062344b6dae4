namespace Monitor.Contracts.Alerts;

/// <summary>A paused subscription raises alerts again.</summary>
public sealed record SubscriptionResumed(Guid SubscriptionId, string By, DateTimeOffset At);
