namespace Monitor.Feeds.Sdk.Http;

/// <summary>
/// The feed's rate limiter: requests to the source start at least <c>spacing</c> apart, and none
/// starts before a time the source named in Retry-After (429 or 503). One gate per feed process,
/// shared by every request, so a 429 on one keyword also pauses the others.
/// </summary>
public sealed class RequestGate(TimeSpan spacing, TimeProvider time)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>When the source asked us to come back, if that is still ahead.</summary>
    public DateTimeOffset? PausedUntil
    {
        get { lock (_turn) return _pausedUntil > time.GetUtcNow() ? _pausedUntil : null; }
    }

    /// <summary>Waits until this request may start.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        // One waiter at a time, so requests leave in order and each sees the spacing of the one before.
        await _turn.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset notBefore;
            lock (_turn) notBefore = _nextStart > _pausedUntil ? _nextStart : _pausedUntil;
            var wait = notBefore - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            lock (_turn) _nextStart = time.GetUtcNow() + spacing;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The source said "not before <paramref name="until"/>".</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_turn)
            if (until > _pausedUntil) _pausedUntil = until;
    }
}
