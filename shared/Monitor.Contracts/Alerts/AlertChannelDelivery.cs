namespace Monitor.Contracts.Alerts;

/// <summary>
/// An alert's delivery to one channel as its stream tells it: scheduled (pending), then after each attempt retrying,
/// delivered or failed; the latest outcome stands, so a re-send that delivers turns failed into delivered.
/// <see cref="Apply"/> is the one fold every reader of alert streams uses (delivery, the alerts service's list, the API's read model).
/// </summary>
/// <param name="State">One of <see cref="AlertDeliveryStates"/>.</param>
/// <param name="Attempts">Attempts made so far (since the raise or the last re-send).</param>
/// <param name="NextAttemptAt">When it is tried again, while retrying.</param>
/// <param name="Reason">Why the last attempt failed, while retrying or failed.</param>
/// <param name="At">When the state was reached.</param>
public sealed record AlertChannelDelivery(
    string ChannelId, string ChannelKind, string State, int Attempts, DateTimeOffset? NextAttemptAt, string? Reason, DateTimeOffset At)
{
    /// <summary>The channels after <paramref name="e"/>; an event that is not about delivery leaves them as they are.</summary>
    public static IReadOnlyList<AlertChannelDelivery> Apply(IReadOnlyList<AlertChannelDelivery> channels, object e) => e switch
    {
        AlertDeliveryScheduled s => [.. channels, .. s.Channels.Where(c => channels.All(x => x.ChannelId != c.ChannelId))
            .DistinctBy(c => c.ChannelId)
            .Select(c => new AlertChannelDelivery(c.ChannelId, c.Kind, AlertDeliveryStates.Pending, 0, null, null, s.At))],
        AlertDeliveryRetrying r => Set(channels, new AlertChannelDelivery(r.ChannelId, r.ChannelKind, AlertDeliveryStates.Retrying, r.Attempt, r.NextAttemptAt, r.Reason, r.At)),
        AlertDelivered d => Set(channels, new AlertChannelDelivery(d.ChannelId, d.ChannelKind, AlertDeliveryStates.Delivered, d.Attempts, null, null, d.At)),
        AlertDeliveryFailed f => Set(channels, new AlertChannelDelivery(f.ChannelId, f.ChannelKind, AlertDeliveryStates.Failed, f.Attempts, null, f.Reason, f.At)),
        _ => channels,
    };

    /// <summary>Whether the alerts service tries this channel at <paramref name="now"/>.</summary>
    public bool DueAt(DateTimeOffset now) =>
        State == AlertDeliveryStates.Pending || (State == AlertDeliveryStates.Retrying && NextAttemptAt <= now);

    private static IReadOnlyList<AlertChannelDelivery> Set(IReadOnlyList<AlertChannelDelivery> channels, AlertChannelDelivery channel) =>
        channels.Any(c => c.ChannelId == channel.ChannelId)
            ? channels.Select(c => c.ChannelId == channel.ChannelId ? channel : c).ToArray()
            : [.. channels, channel];
}
