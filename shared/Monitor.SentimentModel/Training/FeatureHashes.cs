using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>Every feature occurrence of a text as its full 32-bit hash, so each model part can take its own bits.</summary>
internal readonly record struct FeatureHashes(uint[] Scaled, uint[] Unscaled)
{
    public static FeatureHashes Of(string text, int maxCjkGram, List<uint> scaled, List<uint> unscaled)
    {
        scaled.Clear();
        unscaled.Clear();
        var normalized = TextNormalizer.Normalize(text);
        var sink = new CollectingSink(scaled, unscaled);
        FeatureExtractor.Extract(normalized.AsSpan(), maxCjkGram, ref sink);
        return new FeatureHashes(scaled.ToArray(), unscaled.ToArray());
    }
}
