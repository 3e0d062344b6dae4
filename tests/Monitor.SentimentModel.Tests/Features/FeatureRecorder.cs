using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Tests.Features;

/// <summary>Runs the extractor and keeps every feature with the phrase it shows.</summary>
internal struct FeatureRecorder(string text, List<(uint Hash, string Phrase)> features) : IFeatureSink
{
    public void Add(uint hash, int start, int length) => features.Add((hash, text.Substring(start, length)));

    public void AddUnscaled(uint hash, int start, int length) => Add(hash, start, length);

    public static List<(uint Hash, string Phrase)> Extract(string text, int maxCjkGram = 3, FeatureSet featureSet = FeatureSet.None)
    {
        var features = new List<(uint, string)>();
        var normalized = TextNormalizer.Normalize(text);
        var recorder = new FeatureRecorder(text, features);
        FeatureExtractor.Extract(normalized.AsSpan(), maxCjkGram, ref recorder, featureSet);
        return features;
    }

    public static HashSet<uint> Hashes(string text, FeatureSet featureSet = FeatureSet.None) =>
        Extract(text, featureSet: featureSet).Select(f => f.Hash).ToHashSet();
}
