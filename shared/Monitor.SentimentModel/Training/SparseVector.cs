using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// A text's features as sorted distinct buckets with values count / sqrt(total occurrences): the same
/// length normalisation the classifier applies when scoring.
/// </summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public SparseVector ScaledBy(float[] factors)
    {
        var values = new float[Values.Length];
        for (var k = 0; k < values.Length; k++) values[k] = Values[k] * factors[Indices[k]];
        return new SparseVector(Indices, values);
    }

    public static SparseVector Of(string text, int maxCjkGram, int mask, List<int> scratch)
    {
        scratch.Clear();
        var normalized = TextNormalizer.Normalize(text);
        var sink = new CollectingSink(scratch, mask);
        FeatureExtractor.Extract(normalized.AsSpan(), maxCjkGram, ref sink);
        scratch.Sort();
        var total = Math.Max(scratch.Count, 1);
        var norm = 1f / MathF.Sqrt(total);
        var indices = new List<int>(scratch.Count);
        var values = new List<float>(scratch.Count);
        for (var i = 0; i < scratch.Count;)
        {
            var j = i;
            while (j < scratch.Count && scratch[j] == scratch[i]) j++;
            indices.Add(scratch[i]);
            values.Add((j - i) * norm);
            i = j;
        }
        return new SparseVector(indices.ToArray(), values.ToArray());
    }
}
