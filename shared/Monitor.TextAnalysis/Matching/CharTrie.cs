namespace Monitor.TextAnalysis.Matching;

/// <summary>
/// An immutable character trie in flat arrays: a direct table for the first character (most
/// positions of a text fail there, in one array read) and sorted child arrays below it.
/// Read-only after construction, so any number of threads may walk it.
/// </summary>
internal sealed class CharTrie
{
    public const int Root = 0;
    private const int NoValue = -1;

    private readonly int[] _firstLevel;   // char -> node, 0 when absent (node 0 is the root)
    private readonly int[] _childStart;   // node -> first index into _childChars / _childNodes
    private readonly int[] _childCount;
    private readonly char[] _childChars;  // sorted per node, for binary search
    private readonly int[] _childNodes;
    private readonly int[] _values;       // node -> value, NoValue when no key ends here

    private CharTrie(int[] firstLevel, int[] childStart, int[] childCount, char[] childChars, int[] childNodes, int[] values)
    {
        _firstLevel = firstLevel;
        _childStart = childStart;
        _childCount = childCount;
        _childChars = childChars;
        _childNodes = childNodes;
        _values = values;
    }

    /// <summary>Builds a trie from keys and their values. A key given twice keeps its last value.</summary>
    public static CharTrie Build(IEnumerable<KeyValuePair<string, int>> entries)
    {
        var children = new List<Dictionary<char, int>> { new() };
        var values = new List<int> { NoValue };
        foreach (var (key, value) in entries)
        {
            if (key.Length == 0) continue;
            var node = Root;
            foreach (var c in key)
            {
                if (!children[node].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children.Add(new Dictionary<char, int>());
                    values.Add(NoValue);
                    children[node][c] = next;
                }
                node = next;
            }
            values[node] = value;
        }

        var firstLevel = new int[char.MaxValue + 1];
        foreach (var (c, node) in children[Root]) firstLevel[c] = node;

        var childStart = new int[children.Count];
        var childCount = new int[children.Count];
        var total = children.Sum(c => c.Count);
        var childChars = new char[total];
        var childNodes = new int[total];
        var at = 0;
        for (var node = 0; node < children.Count; node++)
        {
            childStart[node] = at;
            childCount[node] = children[node].Count;
            foreach (var (c, next) in children[node].OrderBy(p => p.Key))
            {
                childChars[at] = c;
                childNodes[at] = next;
                at++;
            }
        }
        return new CharTrie(firstLevel, childStart, childCount, childChars, childNodes, values.ToArray());
    }

    /// <summary>Moves from <paramref name="node"/> along <paramref name="c"/>; false when no key continues that way.</summary>
    public bool TryStep(int node, char c, out int next)
    {
        if (node == Root)
        {
            next = _firstLevel[c];
            return next != 0;
        }
        var lo = _childStart[node];
        var hi = lo + _childCount[node] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var mc = _childChars[mid];
            if (mc == c) { next = _childNodes[mid]; return true; }
            if (mc < c) lo = mid + 1; else hi = mid - 1;
        }
        next = 0;
        return false;
    }

    /// <summary>The value of the key that ends at <paramref name="node"/>, if one does.</summary>
    public bool TryGetValue(int node, out int value)
    {
        value = _values[node];
        return value != NoValue;
    }
}
