using Monitor.Alerts.Quiet;
using Monitor.Alerts.Subscriptions;

namespace Monitor.Alerts.Digests;

/// <summary>
/// When a subscription's digest is due: daily at its local time in its time zone (daylight saving followed, so
/// a digest's stretch is 23 or 25 hours on the days the clocks change). Only the latest occurrence is ever due:
/// after a long outage the missed days are not sent one after another.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The latest occurrence at or before <paramref name="now"/>; null when the subscription has no digest.</summary>
    public static DigestOccurrence? Latest(SubscriptionState subscription, DateTimeOffset now)
    {
        if (subscription.DigestAt is not { } at) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscription.EffectiveDigestTimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = LocalTime.ToUtc(today, at, zone) <= now ? today : today.AddDays(-1);
        return new DigestOccurrence(day, subscription.EffectiveDigestTimeZone,
            LocalTime.ToUtc(day.AddDays(-1), at, zone), LocalTime.ToUtc(day, at, zone));
    }
}
