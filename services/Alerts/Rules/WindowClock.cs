namespace Monitor.Alerts.Rules;

/// <summary>
/// Tumbling windows of one length aligned on a subscription's anchor: window n covers
/// [anchor + n·length, anchor + (n+1)·length). n is negative before the anchor, so history older than
/// the subscription windows the same way (backtests).
/// </summary>
public readonly record struct WindowClock(DateTimeOffset Anchor, TimeSpan Length)
{
    public long IndexOf(DateTimeOffset time) => (long)Math.Floor((time - Anchor).Ticks / (double)Length.Ticks);

    public DateTimeOffset StartOf(long index) => Anchor + Length * index;

    public DateTimeOffset EndOf(long index) => StartOf(index + 1);
}
