namespace Monitor.Contracts.Alerts;

/// <summary>A subscription's rules were replaced as a whole.</summary>
public sealed record SubscriptionRulesChanged(Guid SubscriptionId, IReadOnlyList<AlertRule> Rules, string By, DateTimeOffset At);
