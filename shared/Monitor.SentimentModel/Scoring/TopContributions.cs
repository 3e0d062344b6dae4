using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// A fixed-size, allocation-free pool of the strongest feature occurrences seen while scoring,
/// kept so that the prediction can name the phrases that drove it.
/// </summary>
internal struct TopContributions
{
    public const int Capacity = 24;

    private Entries _entries;
    private int _count;
    private int _weakest;

    public readonly int Count => _count;
    public readonly Contribution this[int index] => _entries[index];

    public void Offer(uint hash, int weight, int start, int length)
    {
        var strength = Math.Abs(weight);
        if (_count == Capacity && strength <= Math.Abs(_entries[_weakest].Weight)) return;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Hash != hash) continue;
            // the same feature again: it counts twice, shown once
            _entries[i].Weight += weight;
            _entries[i].Occurrences++;
            FindWeakest();
            return;
        }
        if (_count < Capacity)
        {
            _entries[_count++] = new Contribution(hash, weight, start, length);
            if (_count == Capacity) FindWeakest();
            return;
        }
        _entries[_weakest] = new Contribution(hash, weight, start, length);
        FindWeakest();
    }

    private void FindWeakest()
    {
        if (_count < Capacity) return;
        var weakest = 0;
        for (var i = 1; i < _count; i++)
            if (Math.Abs(_entries[i].Weight) < Math.Abs(_entries[weakest].Weight)) weakest = i;
        _weakest = weakest;
    }

    internal struct Contribution(uint hash, int weight, int start, int length)
    {
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
