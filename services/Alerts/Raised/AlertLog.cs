using System.Threading.Channels;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Raised;

/// <summary>
/// The recent alerts in memory (rebuilt from the alert streams at start), newest first, and the live feed
/// the SSE stream reads: each listener has its own bounded channel, and a listener too slow to keep up
/// loses its oldest pending alerts rather than slowing evaluation.
/// </summary>
public sealed class AlertLog
{
    public const int Kept = 5_000;

    private readonly object _gate = new();
    private readonly LinkedList<Guid> _order = new();
    private readonly Dictionary<Guid, AlertView> _views = new();
    private readonly List<Channel<AlertRaised>> _listeners = [];

    public void Raised(AlertRaised alert)
    {
        lock (_gate)
        {
            if (_views.ContainsKey(alert.AlertId)) return;
            _views[alert.AlertId] = new AlertView(alert, [], [], null);
            _order.AddFirst(alert.AlertId);
            while (_order.Count > Kept)
            {
                _views.Remove(_order.Last!.Value);
                _order.RemoveLast();
            }
            foreach (var listener in _listeners) listener.Writer.TryWrite(alert);
        }
    }

    public void Apply(object e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case AlertRaised raised:
                    Raised(raised);
                    break;
                case AlertDelivered d when _views.TryGetValue(d.AlertId, out var v):
                    _views[d.AlertId] = v with { Delivered = [.. v.Delivered, d], Channels = AlertChannelDelivery.Apply(v.Channels, d) };
                    break;
                case AlertDeliveryFailed f when _views.TryGetValue(f.AlertId, out var v):
                    _views[f.AlertId] = v with { Failed = [.. v.Failed, f], Channels = AlertChannelDelivery.Apply(v.Channels, f) };
                    break;
                case AlertDeliveryScheduled s when _views.TryGetValue(s.AlertId, out var v):
                    _views[s.AlertId] = v with { Channels = AlertChannelDelivery.Apply(v.Channels, s) };
                    break;
                case AlertDeliveryRetrying r when _views.TryGetValue(r.AlertId, out var v):
                    _views[r.AlertId] = v with { Channels = AlertChannelDelivery.Apply(v.Channels, r) };
                    break;
                case AlertAcknowledged a when _views.TryGetValue(a.AlertId, out var v):
                    _views[a.AlertId] = v with { Acknowledged = a };
                    break;
                case AlertHeld h when _views.TryGetValue(h.AlertId, out var v):
                    _views[h.AlertId] = v with { Held = h };
                    break;
                case HeldAlertsReleased r:
                    foreach (var alert in r.Release.Alerts)
                        if (_views.TryGetValue(alert.AlertId, out var held))
                            _views[alert.AlertId] = held with { ReleasedAt = r.At, ReleaseId = r.Release.ReleaseId };
                    break;
            }
        }
    }

    public AlertView? Find(Guid id)
    {
        lock (_gate) return _views.GetValueOrDefault(id);
    }

    /// <summary>A subscription's alerts raised in [from, to), oldest first (what its digest lists).</summary>
    public IReadOnlyList<AlertView> RaisedBetween(Guid subscriptionId, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
            return _views.Values
                .Where(v => v.Alert.SubscriptionId == subscriptionId && v.Alert.RaisedAt >= from && v.Alert.RaisedAt < to)
                .OrderBy(v => v.Alert.RaisedAt).ToArray();
    }

    /// <summary>Alerts held by quiet hours and not yet released, oldest first.</summary>
    public IReadOnlyList<AlertView> HeldNotReleased()
    {
        lock (_gate)
            return _views.Values.Where(v => v.Held is not null && v.ReleasedAt is null).OrderBy(v => v.Alert.RaisedAt).ToArray();
    }

    /// <param name="visible">Only alerts it accepts count towards <paramref name="limit"/>.</param>
    public IReadOnlyList<AlertView> Recent(int limit, Guid? subscriptionId = null, Func<AlertRaised, bool>? visible = null)
    {
        lock (_gate)
            return _order.Select(id => _views[id])
                .Where(v => (subscriptionId is null || v.Alert.SubscriptionId == subscriptionId) && (visible is null || visible(v.Alert)))
                .Take(limit).ToArray();
    }

    /// <summary>A live feed of alerts raised from now on; disposing the subscription ends it.</summary>
    public (ChannelReader<AlertRaised> Reader, IDisposable Subscription) Listen()
    {
        var channel = Channel.CreateBounded<AlertRaised>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate) _listeners.Add(channel);
        return (channel.Reader, new Unlisten(this, channel));
    }

    private sealed class Unlisten(AlertLog log, Channel<AlertRaised> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (log._gate) log._listeners.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
