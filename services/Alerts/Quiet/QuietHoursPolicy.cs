using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Quiet;

/// <summary>
/// Whether an alert raised now is held for the digest. Quiet hours are local wall-clock hours in their time
/// zone (so they follow daylight saving), judged at the moment the alert is raised, not at its items'
/// publication: they are about when people may be woken. A negative-reach alert breaks through only when the
/// subscription's quiet hours say urgent alerts do.
/// </summary>
public static class QuietHoursPolicy
{
    /// <summary>The end of the quiet spell (UTC) when <paramref name="alert"/> is held at <paramref name="now"/>; null when it goes out.</summary>
    public static DateTimeOffset? HeldUntil(SubscriptionState subscription, AlertRaised alert, DateTimeOffset now)
    {
        if (subscription.QuietHours is not { } quiet) return null;
        if (quiet.UrgentBreaksThrough && alert.Kind == AlertRuleKinds.NegativeReach) return null;
        return QuietUntil(quiet, now);
    }

    /// <summary>When the quiet spell around <paramref name="now"/> ends (UTC), or null when <paramref name="now"/> is not quiet.</summary>
    public static DateTimeOffset? QuietUntil(QuietHours quiet, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(quiet.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!IsInside(quiet, time)) return null;
        // The end is today's To, or tomorrow's when the spell wraps midnight and we are before it.
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (quiet.From > quiet.To && time >= quiet.From) endDate = endDate.AddDays(1);
        return LocalTime.ToUtc(endDate, quiet.To, zone);
    }

    /// <summary>From is inside, To is not; a spell whose From is after its To wraps midnight.</summary>
    public static bool IsInside(QuietHours quiet, TimeOnly time) =>
        quiet.From < quiet.To
            ? time >= quiet.From && time < quiet.To
            : time >= quiet.From || time < quiet.To;
}
