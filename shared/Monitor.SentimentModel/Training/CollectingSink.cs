using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>Collects the bucket of every feature occurrence (duplicates included), n-grams and emoticons apart.</summary>
internal struct CollectingSink(List<int> scaled, List<int> unscaled, int mask) : IFeatureSink
{
    public void Add(uint hash, int start, int length) => scaled.Add((int)(hash & mask));

    public void AddUnscaled(uint hash, int start, int length) => unscaled.Add((int)(hash & mask));
}
