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

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    // Pending events that count towards Capacity: those offered once Skips was known and not skipped by it.
    private int _counted;
    private volatile Func<GlobalPosition, bool>? _skips;

    // The messages of the event being read; only the client's own loop reads, one read at a time.
    private IReadOnlyList<AlertStreamMessage> _current = [];
    private int _next;

    /// <summary>Where the stream's follower stood when the listener joined: every event after it is offered, none before.</summary>
    public GlobalPosition Published { get; } = published;

    /// <summary>
    /// The events offered that the client had already, or must not get; set before the first read. Until it is set
    /// everything offered is kept, uncounted (the follower may be handing out a backlog the client will skip), and
    /// sorted out on reading; from then on skipped events are not kept at all.
    /// </summary>
    public Func<GlobalPosition, bool>? Skips { get => _skips; set => _skips = value; }

    /// <summary>One event's messages (a release has one per alert it lists); events must be offered in log order.</summary>
    public void Offer(GlobalPosition position, IReadOnlyList<AlertStreamMessage> messages)
    {
        var skips = _skips;
        if (skips?.Invoke(position) == true) return;
        var counted = skips is not null;
        // Dropping an event would leave a gap the client cannot notice; ending its stream instead lets it resume
        // (by Last-Event-ID) after the last event it got, and read what it missed from the log.
        if (counted && Interlocked.Increment(ref _counted) > Capacity)
        {
            _pending.Writer.TryComplete();
            return;
        }
        _pending.Writer.TryWrite(new Pending(position, messages, counted));
    }

    /// <summary>The next message, or null once the listener fell behind and got everything kept for it: the stream ends.</summary>
    public async ValueTask<AlertStreamMessage?> ReadAsync(CancellationToken ct)
    {
        while (_next >= _current.Count)
        {
            if (!await _pending.Reader.WaitToReadAsync(ct)) return null;
            if (!_pending.Reader.TryRead(out var pending)) continue;
            if (pending.Counted) Interlocked.Decrement(ref _counted);
            if (_skips?.Invoke(pending.Position) == true) continue;
            (_current, _next) = (pending.Messages, 0);
        }
        return _current[_next++];
    }

    public void Dispose()
    {
        leave(this);
        _pending.Writer.TryComplete();
    }

    private readonly record struct Pending(GlobalPosition Position, IReadOnlyList<AlertStreamMessage> Messages, bool Counted);
}
