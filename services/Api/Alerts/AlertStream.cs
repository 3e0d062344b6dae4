using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// Follows the event log from where it stood at start for AlertRaised and the events that change an alert
/// afterwards (<see cref="AlertMessages"/>), and hands each to every connected listener in log order. It keeps
/// no checkpoint (what came before a listener joined is read from the log by <see cref="AlertCatchUp"/>) and polls
/// the log every <see cref="PollInterval"/>. Like every log reader it reads only up to Marten's high water mark, so an
/// event that commits late is not skipped.
/// </summary>
internal sealed class AlertStream : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly EventStore.EventStore _store;
    private readonly AlertMessages _messages;
    private readonly ILogger<AlertStream> _logger;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<AlertListener> _listeners = [];
    // The last event handed out (or passed over while nobody listened); guarded by _gate.
    private GlobalPosition _published;

    public AlertStream(EventStore.EventStore store, AlertQueries queries, ILogger<AlertStream> logger)
    {
        _store = store;
        _logger = logger;
        _messages = new AlertMessages(store, queries);
        CatchUp = new AlertCatchUp(store, _messages);
    }

    /// <summary>Reads what a resuming client missed, writing it as this stream writes live events.</summary>
    public AlertCatchUp CatchUp { get; }

    /// <summary>Completes once the stream knows where the log stood; alerts appended after that reach listeners.</summary>
    public Task Ready => _ready.Task;

    /// <summary>A live feed of what is stored from now on; disposing the listener ends it.</summary>
    public async Task<AlertListener> ListenAsync(CancellationToken ct)
    {
        // Registered before the snapshot is taken: an event the follower hands out meanwhile either committed before
        // the snapshot (seen by it: skipped) or after it (kept), and one committed after the snapshot is handed out
        // after registering.
        var listener = await RegisterAsync(ct);
        try
        {
            listener.Skips = (await SnapshotAsync(ct)).Saw;
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A live feed for a client that resumes: it brings every event after the listener's
    /// <see cref="AlertListener.Published"/>; what the client missed up to there is the caller's to read
    /// (<see cref="CatchUp"/>), and the caller sets <see cref="AlertListener.Skips"/>. Disposing the listener ends it.
    /// </summary>
    public Task<AlertListener> ResumeAsync(CancellationToken ct) => RegisterAsync(ct);

    private async Task<AlertListener> RegisterAsync(CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        // Under the lock that hands out batches, together with the last position handed out: every event up to
        // it was handed out before (a catch-up's part), every later one is offered to this listener.
        lock (_gate)
        {
            var listener = new AlertListener(_published, Remove);
            _listeners.Add(listener);
            return listener;
        }
    }

    private void Remove(AlertListener listener)
    {
        lock (_gate) _listeners.Remove(listener);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var position = GlobalPosition.Start;
        var started = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    position = new GlobalPosition(0, await _store.HighWaterMarkAsync(ct));
                    lock (_gate) _published = position;
                    started = true;
                    _ready.TrySetResult();
                }
                while (true)
                {
                    var batch = await _store.ReadAllAsync(position, 100, includeArchived: true, AlertMessages.EventTypes, ct);
                    if (batch.Count > 0)
                    {
                        await PublishAsync(batch, ct);
                        position = batch[^1].Position;
                        continue;
                    }
                    await Task.Delay(PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Alert stream: reading the log failed; trying again in 1 s");
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task PublishAsync(IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var last = batch[^1].Position;
        // Nobody listens: pass the batch over. Checked and passed over under one lock, so a listener that joins
        // right after finds the batch behind its Published (and reads it in its catch-up).
        lock (_gate)
        {
            if (_listeners.Count == 0)
            {
                _published = last;
                return;
            }
        }
        // Nothing is offered until every read succeeded: a failed batch is read again whole, so no listener gets
        // part of it twice. A listener that joins while the messages are written still gets them (it joined before
        // _published moved past them).
        var eventMessages = await _messages.OfAsync(batch, ct);
        lock (_gate)
        {
            foreach (var (position, messagesOfEvent) in eventMessages)
            foreach (var listener in _listeners)
                listener.Offer(position, messagesOfEvent);
            _published = last;
        }
    }

    /// <summary>What had committed when the client connected, read in one statement (one snapshot).</summary>
    private async Task<LogSnapshot> SnapshotAsync(CancellationToken ct)
    {
        await using var cmd = _store.DataSource.CreateCommand($"""
            WITH m AS (SELECT coalesce((SELECT last_seq_id FROM {_store.Schema}.mt_event_progression WHERE name = 'HighWaterMark'), 0) AS mark)
            SELECT m.mark, ARRAY(SELECT seq_id FROM {_store.Schema}.mt_events e WHERE e.seq_id > m.mark) FROM m
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LogSnapshot(reader.GetInt64(0), reader.GetFieldValue<long[]>(1).ToHashSet());
    }
}
