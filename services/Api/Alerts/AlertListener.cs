using System.Threading.Channels;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// One connected client of the alert stream: it reads the alerts raised and changed after <see cref="From"/>,
/// where the log stood when it connected, in log order (so an alert's <c>alert</c> event comes before its
/// updates). A client too slow to keep up loses its oldest pending messages rather than holding up the others.
/// </summary>
internal sealed class AlertListener(AlertStream stream) : IDisposable
{
    public const int Capacity = 256;

    private readonly Channel<(GlobalPosition Position, AlertStreamMessage Message)> _pending =
        Channel.CreateBounded<(GlobalPosition, AlertStreamMessage)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Null until the listener knows where the log stood; until then everything offered is kept, then sorted out on reading.</summary>
    public GlobalPosition? From { get; set; }

    /// <summary>Messages must be offered in log order; several may share a position (a release lists several alerts).</summary>
    public void Offer(GlobalPosition position, AlertStreamMessage message) => _pending.Writer.TryWrite((position, message));

    public async ValueTask<AlertStreamMessage> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            var (position, message) = await _pending.Reader.ReadAsync(ct);
            if (From is not { } from || position > from) return message;
        }
    }

    public void Dispose()
    {
        stream.Remove(this);
        _pending.Writer.TryComplete();
    }
}
