using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// One rule's memory: the current window and the baseline windows before it, and the cooldown.
/// Windows older than the baseline are dropped, so memory stays bounded whatever the history's length.
/// </summary>
public sealed class RuleState(AlertRule rule, DateTimeOffset anchor)
{
    private readonly SortedDictionary<long, WindowBucket> _windows = new();
    private long? _earliest;
    private long _latest = long.MinValue;

    public AlertRule Rule { get; } = rule;
    public WindowClock Clock { get; } = new(anchor, rule.Window);
    public Cooldown Cooldown { get; } = new(rule.EffectiveCooldown);

    /// <summary>Adds the item to its window and returns that window's index, or null when the item was already counted.</summary>
    public long? Add(ScoredItem item)
    {
        var index = Clock.IndexOf(item.PublishedAt);
        if (!_windows.TryGetValue(index, out var bucket))
            _windows[index] = bucket = new WindowBucket();
        if (!bucket.Add(item)) return null;
        _earliest = _earliest is { } e ? Math.Min(e, index) : index;
        _latest = Math.Max(_latest, index);
        Prune();
        return index;
    }

    public WindowBucket? Window(long index) => _windows.GetValueOrDefault(index);

    /// <summary>
    /// Whether the windows before <paramref name="index"/> are known far enough back to form a baseline:
    /// items were seen at least <see cref="AlertRule.BaselineWindows"/> windows earlier. Without this a
    /// fresh start would compare its first busy hour with an empty, all-zero past.
    /// </summary>
    public bool HasBaselineFor(long index) => _earliest is { } e && e <= index - Rule.BaselineWindows;

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
    }
}
