using System.Threading.Channels;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// One connected client of the alert stream: it reads the alerts raised and changed after
/// <see cref="Published"/>, in log order (so an alert's <c>alert</c> event comes before its updates), less those
/// <see cref="Skips"/> names. A client too slow to keep up is not allowed to hold up the others: once
/// <see cref="Capacity"/> events wait for it, it gets those and its stream ends, and it resumes by its last id.
/// </summary>
/// <param name="leave">Takes the listener off its stream when it is disposed.</param>
internal sealed class AlertListener(GlobalPosition published, Action<AlertListener> leave) : IDisposable
{
    /// <summary>Events kept pending, each with all its messages: a release listing many alerts is one, however many it lists.</summary>
    public const int Capacity = 256;

    private readonly Channel<(GlobalPosition Position, IReadOnlyList<AlertStreamMessage> Messages)> _pending =
        Channel.CreateBounded<(GlobalPosition, IReadOnlyList<AlertStreamMessage>)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    // The messages of the event being read; only the client's own loop reads, one read at a time.
    private IReadOnlyList<AlertStreamMessage> _current = [];
    private int _next;

    /// <summary>Where the stream's follower stood when the listener joined: every event after it is offered, none before.</summary>
    public GlobalPosition Published { get; } = published;

    /// <summary>
    /// The events offered that the client had already, or must not get; set before the first read (until then
    /// everything offered is kept, then sorted out on reading).
    /// </summary>
    public Func<GlobalPosition, bool>? Skips { get; set; }

    /// <summary>One event's messages (a release has one per alert it lists); events must be offered in log order.</summary>
    public void Offer(GlobalPosition position, IReadOnlyList<AlertStreamMessage> messages)
    {
        // Dropping an event would leave a gap the client cannot notice; ending its stream instead lets it resume
        // (by Last-Event-ID) after the last event it got, and read what it missed from the log.
        if (!_pending.Writer.TryWrite((position, messages))) _pending.Writer.TryComplete();
    }

    /// <summary>The next message, or null once the listener fell behind and got everything kept for it: the stream ends.</summary>
    public async ValueTask<AlertStreamMessage?> ReadAsync(CancellationToken ct)
    {
        while (_next >= _current.Count)
        {
            if (!await _pending.Reader.WaitToReadAsync(ct)) return null;
            if (!_pending.Reader.TryRead(out var pending) || Skips?.Invoke(pending.Position) == true) continue;
            (_current, _next) = (pending.Messages, 0);
        }
        return _current[_next++];
    }

    public void Dispose()
    {
        leave(this);
        _pending.Writer.TryComplete();
    }
}
