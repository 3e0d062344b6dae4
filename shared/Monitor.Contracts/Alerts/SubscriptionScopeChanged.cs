namespace Monitor.Contracts.Alerts;

/// <summary>A subscription's scope was replaced as a whole.</summary>
public sealed record SubscriptionScopeChanged(Guid SubscriptionId, SubscriptionScope Scope, string By, DateTimeOffset At);
