namespace Monitor.Contracts.Alerts;

/// <summary>A subscription's quiet hours were set, replaced or (null) removed.</summary>
public sealed record SubscriptionQuietHoursChanged(Guid SubscriptionId, QuietHours? QuietHours, string By, DateTimeOffset At);
