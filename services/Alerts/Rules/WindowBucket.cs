namespace Monitor.Alerts.Rules;

/// <summary>The items of one window of one rule: counts, score sum, platforms and the largest mentions.</summary>
public sealed class WindowBucket
{
    public const int TopMentionCount = 5;

    private readonly List<ScoredItem> _topNegative = [];
    private readonly List<ScoredItem> _topAll = [];
    private readonly Dictionary<string, int> _platforms = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _items = [];
    private readonly SortedSet<ScoredItem> _members = new(ScoredItem.CanonicalOrder);

    public int Count { get; private set; }
    public int Negatives { get; private set; }
    public double ScoreSum { get; private set; }
    public double NegativeShare => Count == 0 ? 0 : (double)Negatives / Count;
    public double AverageScore => Count == 0 ? 0 : ScoreSum / Count;
    public IReadOnlyDictionary<string, int> Platforms => _platforms;

    /// <summary>The window's items in <see cref="ScoredItem.CanonicalOrder"/>, for judging it again when a late item lands in it.</summary>
    public IEnumerable<ScoredItem> Items => _members;

    /// <summary>Counts the item; false when it was already counted (a redelivered message changes nothing).</summary>
    public bool Add(ScoredItem item)
    {
        if (!_items.Add(item.CoverageId)) return false;
        _members.Add(item);
        Count++;
        ScoreSum += item.Score;
        _platforms[item.Platform] = _platforms.GetValueOrDefault(item.Platform) + 1;
        KeepLargest(_topAll, item);
        if (!item.IsNegative) return true;
        Negatives++;
        KeepLargest(_topNegative, item);
        return true;
    }

    /// <summary>The negative items with the largest reach first, then the others, at most <see cref="TopMentionCount"/>.</summary>
    public IReadOnlyList<ScoredItem> TopMentions(bool negativeFirst) =>
        (negativeFirst ? _topNegative.Concat(_topAll.Where(i => !i.IsNegative)) : _topAll)
        .Take(TopMentionCount)
        .ToArray();

    private static void KeepLargest(List<ScoredItem> top, ScoredItem item)
    {
        if (top.Any(i => i.CoverageId == item.CoverageId)) return;
        // Equal reach in canonical order, so the mentions do not depend on the order items arrived in.
        var at = top.FindIndex(i => i.Reach < item.Reach || (i.Reach == item.Reach && ScoredItem.CanonicalOrder.Compare(item, i) < 0));
        if (at < 0) at = top.Count;
        if (at >= TopMentionCount) return;
        top.Insert(at, item);
        if (top.Count > TopMentionCount) top.RemoveAt(TopMentionCount);
    }
}
