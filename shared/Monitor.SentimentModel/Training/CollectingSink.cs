using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>Collects the bucket of every feature occurrence (duplicates included).</summary>
internal struct CollectingSink(List<int> buckets, int mask) : IFeatureSink
{
    public void Add(uint hash, int start, int length) => buckets.Add((int)(hash & mask));
}
