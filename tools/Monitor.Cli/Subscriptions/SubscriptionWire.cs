using Monitor.Contracts.Alerts;

namespace Monitor.Cli.Subscriptions;

/// <summary>The body of POST /api/subscriptions (camelCase JSON); what `--file sub.json` holds.</summary>
public sealed record SubscriptionRequest(
    string? Name,
    SubscriptionScope? Scope,
    IReadOnlyList<AlertRule>? Rules,
    IReadOnlyList<AlertChannel>? Channels,
    QuietHours? QuietHours = null,
    TimeOnly? DigestAt = null,
    string? DigestTimeZone = null);

/// <summary>
/// A subscription as the alerts service returns it. Unless the key is an admin's, channel secrets read "(hidden)" and the credentials in targets "***".
/// <see cref="Problem"/> says why the service cannot evaluate it (stored by an older release); an edit repairs it.
/// </summary>
public sealed record SubscriptionView(
    Guid SubscriptionId,
    string Owner,
    string Name,
    SubscriptionScope Scope,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<AlertChannel> Channels,
    QuietHours? QuietHours,
    TimeOnly? DigestAt,
    DateTimeOffset CreatedAt,
    bool Paused,
    string? DigestTimeZone = null,
    string? Problem = null);
