using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Quiet;

/// <summary>
/// Which held alerts go out now, grouped by subscription and quiet spell (the AlertHeld.Until they share). Pure:
/// the release reads, sends and stores. A spell is due once the subscription is no longer in quiet hours as they
/// stand now, which covers the changes made meanwhile:
/// <list type="bullet">
/// <item>hours unchanged: at the spell's end (<see cref="Settle"/> after it);</item>
/// <item>hours removed, or moved so that now is outside them: at once (nothing keeps the alerts quiet any more);</item>
/// <item>hours moved so that now is inside them again: when that spell ends (no one is woken by the change).</item>
/// </list>
/// Nothing goes to a paused subscription (pausing stops every message) or one that no longer exists, and a spell
/// that ended more than <see cref="MaxLateness"/> ago (the service was down, or the subscription paused, through
/// it) is left to the digest, which lists every held alert: a stale night's burst helps no one.
/// </summary>
public static class HeldReleasePlan
{
    public static readonly TimeSpan MaxLateness = TimeSpan.FromHours(6);

    /// <summary>
    /// A spell that ended on time is released this long after its end, not at once: an alert raised a moment before
    /// the end is stored, then held (two appends); the release must not look before its hold is there, or it would
    /// go out alone later under the same release id, which receivers drop as a duplicate. Shorter than a timer tick.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public sealed record DueRelease(SubscriptionState Subscription, DateTimeOffset QuietUntil, IReadOnlyList<AlertRaised> Alerts)
    {
        public Guid ReleaseId => HeldReleaseIds.For(Subscription.SubscriptionId, QuietUntil);
    }

    /// <param name="held">Held alerts not released yet (<see cref="AlertLog.HeldNotReleased"/>).</param>
    public static IReadOnlyList<DueRelease> Due(IEnumerable<AlertView> held, Func<Guid, SubscriptionState?> subscriptions, DateTimeOffset now) =>
        held
            .Where(v => v.Held is not null)
            .GroupBy(v => (v.Alert.SubscriptionId, Until: v.Held!.Until))
            .Where(g => now - g.Key.Until <= MaxLateness && (now >= g.Key.Until + Settle || now < g.Key.Until))
            .Select(g => (Subscription: subscriptions(g.Key.SubscriptionId), g.Key.Until, Alerts: g))
            .Where(g => g.Subscription is { Paused: false } s && !QuietNow(s, now))
            .OrderBy(g => g.Until)
            .Select(g => new DueRelease(g.Subscription!, g.Until, g.Alerts.Select(v => v.Alert).OrderBy(a => a.RaisedAt).ToArray()))
            .ToArray();

    private static bool QuietNow(SubscriptionState subscription, DateTimeOffset now) =>
        subscription.QuietHours is { } quiet && QuietHoursPolicy.QuietUntil(quiet, now) is not null;
}
