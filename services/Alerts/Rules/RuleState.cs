using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// One rule's memory: the current window and the baseline windows before it (their items, to judge a window
/// again when a late item lands in it), and the cooldown. Windows older than the baseline are dropped, so
/// memory stays bounded whatever the history's length.
/// </summary>
public sealed class RuleState(AlertRule rule, DateTimeOffset anchor)
{
    private readonly SortedDictionary<long, WindowBucket> _windows = new();
    private long? _earliest;
    private long _latest = long.MinValue;
    private ScoredItem? _last;

    public AlertRule Rule { get; } = rule;
    public WindowClock Clock { get; } = new(anchor, rule.Window);
    public Cooldown Cooldown { get; } = new(rule.EffectiveCooldown);

    /// <summary>Whether a window is judged against the windows before it (spikes and dips).</summary>
    public bool NeedsBaseline => Rule.Kind is AlertRuleKinds.VolumeSpike or AlertRuleKinds.SentimentDip;

    /// <summary>Whether a window is judged on its items as a whole (every kind but negative-reach, which judges one item).</summary>
    public bool JudgesWindows => Rule.Kind != AlertRuleKinds.NegativeReach;

    /// <summary>
    /// Whether the item comes before one already judged (<see cref="ScoredItem.CanonicalOrder"/>): then the windows it
    /// changes are judged again in that order, as if it had arrived in time.
    /// </summary>
    public bool IsLate(ScoredItem item) => _last is not null && ScoredItem.CanonicalOrder.Compare(item, _last) < 0;

    /// <summary>
    /// Adds the item to its window and returns that window's index; null when it was already counted, or when
    /// its window is older than every window still kept (too late to be judged by any rule).
    /// </summary>
    public long? Add(ScoredItem item)
    {
        var index = Clock.IndexOf(item.PublishedAt);
        if (_latest != long.MinValue && index < _latest - Rule.BaselineWindows) return null;
        if (!_windows.TryGetValue(index, out var bucket))
            _windows[index] = bucket = new WindowBucket();
        if (!bucket.Add(item)) return null;
        if (!IsLate(item)) _last = item;
        _earliest = _earliest is { } e ? Math.Min(e, index) : index;
        _latest = Math.Max(_latest, index);
        Prune();
        return index;
    }

    public WindowBucket? Window(long index) => _windows.GetValueOrDefault(index);

    /// <summary>
    /// The windows to judge again, oldest first, after late items landed in window <paramref name="index"/>: every
    /// window from there on (its own, those whose baseline it is part of, and the later ones the same batch filled).
    /// </summary>
    public IReadOnlyList<long> JudgedAgainFrom(long index) => _windows.Keys.Where(k => k >= index).ToArray();

    /// <summary>
    /// Whether the windows before <paramref name="index"/> are known far enough back to form a baseline:
    /// items were seen at least <see cref="AlertRule.BaselineWindows"/> windows earlier. Without this a
    /// fresh start would compare its first busy hour with an empty, all-zero past.
    /// </summary>
    public bool HasBaselineFor(long index) => _earliest is { } e && e <= index - Rule.BaselineWindows;

    /// <summary>The start of the oldest window this rule's judgement of window <paramref name="index"/> reads.</summary>
    public DateTimeOffset ReadsFrom(long index) => Clock.StartOf(NeedsBaseline ? index - Rule.BaselineWindows : index);

    /// <summary>The counts of the baseline windows before <paramref name="index"/>, oldest first, empty windows as zero.</summary>
    public IReadOnlyList<int> BaselineCounts(long index) =>
        BaselineIndices(index).Select(i => _windows.GetValueOrDefault(i)?.Count ?? 0).ToArray();

    public (int Count, double ScoreSum) BaselineScores(long index)
    {
        var buckets = BaselineIndices(index).Select(i => _windows.GetValueOrDefault(i)).OfType<WindowBucket>().ToArray();
        return (buckets.Sum(b => b.Count), buckets.Sum(b => b.ScoreSum));
    }

    private IEnumerable<long> BaselineIndices(long index)
    {
        for (var i = index - Rule.BaselineWindows; i < index; i++) yield return i;
    }

    private void Prune()
    {
        var oldestKept = _latest - Rule.BaselineWindows;
        while (_windows.Count > 0 && _windows.Keys.First() < oldestKept)
            _windows.Remove(_windows.Keys.First());
        Cooldown.Forget(Clock.StartOf(oldestKept));
    }
}
