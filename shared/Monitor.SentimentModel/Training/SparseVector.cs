using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// A text's features as sorted distinct buckets with the values the classifier gives them when
/// scoring: n-grams count / sqrt(n-gram occurrences), emoticons their plain count.
/// </summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public SparseVector ScaledBy(float[] factors)
    {
        var values = new float[Values.Length];
        for (var k = 0; k < values.Length; k++) values[k] = Values[k] * factors[Indices[k]];
        return new SparseVector(Indices, values);
    }

    public static SparseVector Of(string text, int maxCjkGram, int mask, List<int> scaled, List<int> unscaled)
    {
        scaled.Clear();
        unscaled.Clear();
        var normalized = TextNormalizer.Normalize(text);
        var sink = new CollectingSink(scaled, unscaled, mask);
        FeatureExtractor.Extract(normalized.AsSpan(), maxCjkGram, ref sink);
        var norm = 1f / MathF.Sqrt(Math.Max(scaled.Count, 1));
        var values = new SortedDictionary<int, float>();
        foreach (var j in scaled) values[j] = values.GetValueOrDefault(j) + norm;
        foreach (var j in unscaled) values[j] = values.GetValueOrDefault(j) + 1f;
        return new SparseVector(values.Keys.ToArray(), values.Values.ToArray());
    }
}
