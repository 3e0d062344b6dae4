using Monitor.Contracts.Alerts;
using Monitor.EventStore;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// What an alert's stream says about its delivery: the alert, whether quiet hours held it (then its release sends it,
/// not the <see cref="DeliveryWorker"/>), and each scheduled channel's state.
/// </summary>
public sealed record AlertDeliveries(AlertRaised? Alert, bool Held, IReadOnlyList<AlertChannelDelivery> Channels)
{
    public static readonly AlertDeliveries None = new(null, false, []);

    public AlertDeliveries Apply(object e) => e switch
    {
        AlertRaised raised => this with { Alert = raised },
        AlertHeld => this with { Held = true },
        _ => this with { Channels = AlertChannelDelivery.Apply(Channels, e) },
    };

    public static AlertDeliveries Fold(IEnumerable<StoredEvent> stream) => stream.Aggregate(None, (state, e) => state.Apply(e.Data));

    public AlertChannelDelivery? Channel(string channelId) => Channels.FirstOrDefault(c => c.ChannelId == channelId);

    /// <summary>The channels to try at <paramref name="now"/>.</summary>
    public IEnumerable<AlertChannelDelivery> DueAt(DateTimeOffset now) => Alert is null || Held ? [] : Channels.Where(c => c.DueAt(now));

    /// <summary>Nothing left to do: every channel delivered or failed (a re-send reopens one).</summary>
    public bool Settled => Alert is not null && (Held || Channels.All(c => c.State is AlertDeliveryStates.Delivered or AlertDeliveryStates.Failed));

    /// <summary>The earliest retry still to come.</summary>
    public DateTimeOffset? NextAttemptAt => Held ? null : Channels.Where(c => c.State == AlertDeliveryStates.Retrying).Min(c => c.NextAttemptAt);
}
