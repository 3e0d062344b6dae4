using System.Threading.Channels;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// One connected client of the alert stream: it reads the alerts stored after <see cref="From"/>, where the
/// log stood when it connected. A client too slow to keep up loses its oldest pending alerts rather than
/// holding up the others.
/// </summary>
internal sealed class AlertListener(AlertStream stream) : IDisposable
{
    private readonly Channel<(GlobalPosition Position, AlertView Alert)> _pending =
        Channel.CreateBounded<(GlobalPosition, AlertView)>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Null until the listener knows where the log stood; until then everything offered is kept, then sorted out on reading.</summary>
    public GlobalPosition? From { get; set; }

    public void Offer(GlobalPosition position, AlertView alert) => _pending.Writer.TryWrite((position, alert));

    public async ValueTask<AlertView> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            var (position, alert) = await _pending.Reader.ReadAsync(ct);
            if (From is not { } from || position > from) return alert;
        }
    }

    public void Dispose()
    {
        stream.Remove(this);
        _pending.Writer.TryComplete();
    }
}
