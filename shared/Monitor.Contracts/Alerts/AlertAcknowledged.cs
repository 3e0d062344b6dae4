namespace Monitor.Contracts.Alerts;

/// <summary>Someone took charge of an alert.</summary>
public sealed record AlertAcknowledged(Guid AlertId, string By, DateTimeOffset At);
