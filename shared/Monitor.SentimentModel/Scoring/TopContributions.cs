using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// A fixed-size, allocation-free pool of the strongest feature occurrences seen while scoring,
/// kept so that the prediction can name the phrases that drove it.
/// </summary>
internal struct TopContributions
{
    public const int Capacity = 16;

    private Entries _entries;
    private int _count;
    private int _weakest;
    private int _floor; // strength of the weakest entry once full; weaker offers are dropped at once

    public readonly int Count => _count;

    /// <summary>Offers no stronger than this are dropped; checked inline by the caller to skip the call.</summary>
    public readonly int Floor => _floor;
    public readonly Contribution this[int index] => _entries[index];

    public void Offer(uint hash, int weight, int start, int length, bool unscaled)
    {
        var strength = weight < 0 ? -weight : weight;
        if (strength <= _floor) return;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Hash != hash) continue;
            // the same feature again: it counts twice, shown once
            _entries[i].Weight += weight;
            _entries[i].Occurrences++;
            // same-sign repeats only grow stronger, so the weakest entry changes only if this was it
            if (i == _weakest) FindWeakest();
            return;
        }
        if (_count < Capacity)
        {
            _entries[_count++] = new Contribution(hash, weight, start, length, unscaled);
            if (_count == Capacity) FindWeakest();
            return;
        }
        _entries[_weakest] = new Contribution(hash, weight, start, length, unscaled);
        FindWeakest();
    }

    private void FindWeakest()
    {
        if (_count < Capacity) return;
        var weakest = 0;
        var floor = Math.Abs(_entries[0].Weight);
        for (var i = 1; i < _count; i++)
        {
            var strength = Math.Abs(_entries[i].Weight);
            if (strength >= floor) continue;
            floor = strength;
            weakest = i;
        }
        _weakest = weakest;
        _floor = floor;
    }

    internal struct Contribution(uint hash, int weight, int start, int length, bool unscaled)
    {
        public bool Unscaled = unscaled;
        public uint Hash = hash;
        public int Weight = weight;
        public int Start = start;
        public int Length = length;
        public int Occurrences = 1;
    }

    [InlineArray(Capacity)]
    private struct Entries
    {
        private Contribution _first;
    }
}
