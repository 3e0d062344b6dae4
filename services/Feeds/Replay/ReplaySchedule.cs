namespace Monitor.Feeds.Replay;

/// <summary>
/// When each item is due on the replay clock: the gap between two items' original publication times,
/// divided by the speed factor (and, when a longest gap is set, shortened to it, so a demo does not
/// sit through a quiet month).
/// </summary>
public sealed class ReplaySchedule
{
    private readonly TimeSpan[] _offsets;

    public ReplaySchedule(IReadOnlyList<DateTimeOffset> publishedAt, double speed, TimeSpan? longestGap = null)
    {
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "The replay speed must be positive.");
        _offsets = new TimeSpan[publishedAt.Count];
        for (var i = 1; i < publishedAt.Count; i++)
        {
            var gap = (publishedAt[i] - publishedAt[i - 1]) / speed;
            if (gap < TimeSpan.Zero) gap = TimeSpan.Zero;
            if (longestGap is { } cap && gap > cap) gap = cap;
            _offsets[i] = _offsets[i - 1] + gap;
        }
    }

    public int Count => _offsets.Length;

    /// <summary>How long after item <paramref name="from"/> item <paramref name="index"/> is due.</summary>
    public TimeSpan Between(int from, int index) => _offsets[index] - _offsets[from];
}
