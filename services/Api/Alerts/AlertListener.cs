using System.Threading.Channels;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// One connected client of the alert stream: it reads the alerts raised and changed after it connected (what
/// <see cref="Connected"/> had not seen), in log order (so an alert's <c>alert</c> event comes before its
/// updates). A client too slow to keep up loses its oldest pending events rather than holding up the others.
/// </summary>
internal sealed class AlertListener(AlertStream stream) : IDisposable
{
    /// <summary>Events kept pending, each with all its messages: a release listing many alerts is one, however many it lists.</summary>
    public const int Capacity = 256;

    private readonly Channel<(GlobalPosition Position, IReadOnlyList<AlertStreamMessage> Messages)> _pending =
        Channel.CreateBounded<(GlobalPosition, IReadOnlyList<AlertStreamMessage>)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest });

    // The messages of the event being read; only the client's own loop reads, one read at a time.
    private IReadOnlyList<AlertStreamMessage> _current = [];
    private int _next;

    /// <summary>Null until the listener knows what was stored before it connected; until then everything offered is kept, then sorted out on reading.</summary>
    public LogSnapshot? Connected { get; set; }

    /// <summary>One event's messages (a release has one per alert it lists); events must be offered in log order.</summary>
    public void Offer(GlobalPosition position, IReadOnlyList<AlertStreamMessage> messages) => _pending.Writer.TryWrite((position, messages));

    public async ValueTask<AlertStreamMessage> ReadAsync(CancellationToken ct)
    {
        while (_next >= _current.Count)
        {
            var (position, messages) = await _pending.Reader.ReadAsync(ct);
            if (Connected is { } connected && connected.Saw(position)) continue;
            (_current, _next) = (messages, 0);
        }
        return _current[_next++];
    }

    public void Dispose()
    {
        stream.Remove(this);
        _pending.Writer.TryComplete();
    }
}
