namespace Monitor.Contracts.Alerts;

/// <summary>
/// A subscription was created. First event of the stream <c>subscription-{SubscriptionId}</c>.
/// Its windows are aligned on <see cref="CreatedAt"/> (window n starts at CreatedAt + n·Window, n may be negative).
/// </summary>
/// <param name="Owner">The key owner who created it; analysts see and change only their own subscriptions.</param>
/// <param name="DigestAt">Local time of the daily digest; null: no digest.</param>
/// <param name="DigestTimeZone">IANA time zone of <paramref name="DigestAt"/>; null: the quiet hours' zone, else UTC.</param>
public sealed record SubscriptionCreated(
    Guid SubscriptionId,
    string Owner,
    string Name,
    SubscriptionScope Scope,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<AlertChannel> Channels,
    QuietHours? QuietHours,
    TimeOnly? DigestAt,
    DateTimeOffset CreatedAt,
    string? DigestTimeZone = null);
