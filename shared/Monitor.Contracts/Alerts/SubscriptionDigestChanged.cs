namespace Monitor.Contracts.Alerts;

/// <summary>A subscription's daily digest was scheduled, moved or (DigestAt null) stopped.</summary>
/// <param name="DigestAt">Local time of the digest in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">IANA time zone of <paramref name="DigestAt"/>; null: the quiet hours' zone, else UTC.</param>
public sealed record SubscriptionDigestChanged(Guid SubscriptionId, TimeOnly? DigestAt, string? TimeZone, string By, DateTimeOffset At);
