using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>POST /api/subscriptions: camelCase JSON. The owner is the caller.</summary>
public sealed record CreateSubscriptionRequest(
    string? Name,
    SubscriptionScope? Scope,
    IReadOnlyList<AlertRule>? Rules,
    IReadOnlyList<AlertChannel>? Channels,
    QuietHours? QuietHours = null,
    TimeOnly? DigestAt = null,
    string? DigestTimeZone = null);
