namespace Monitor.Contracts.Alerts;

/// <summary>A subscription got a new name (alerts raised from now on carry it).</summary>
public sealed record SubscriptionRenamed(Guid SubscriptionId, string Name, string By, DateTimeOffset At);
