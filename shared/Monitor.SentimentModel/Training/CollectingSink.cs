using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>Collects the hash of every feature occurrence (duplicates included), n-grams and emoticons apart.</summary>
internal struct CollectingSink(List<uint> scaled, List<uint> unscaled) : IFeatureSink
{
    public void Add(uint hash, int start, int length) => scaled.Add(hash);

    public void AddUnscaled(uint hash, int start, int length) => unscaled.Add(hash);
}
