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

    /// <summary>The low bits of each hash: the linear model's buckets.</summary>
    public static SparseVector Linear(FeatureHashes hashes, int hashBits)
    {
        var mask = (uint)((1 << hashBits) - 1);
        return Of(hashes, h => (int)(h & mask));
    }

    /// <summary>The top bits of each hash: the embedding bag's buckets; n-grams averaged rather than divided by sqrt(count).</summary>
    public static SparseVector Embedding(FeatureHashes hashes, int hashBits)
    {
        var shift = 32 - hashBits;
        return Of(hashes, h => (int)(h >> shift), 1f / Math.Max(hashes.Scaled.Length, 1));
    }

    private static SparseVector Of(FeatureHashes hashes, Func<uint, int> bucket, float? perGram = null)
    {
        var norm = perGram ?? 1f / MathF.Sqrt(Math.Max(hashes.Scaled.Length, 1));
        var values = new SortedDictionary<int, float>();
        foreach (var h in hashes.Scaled)
        {
            var j = bucket(h);
            values[j] = values.GetValueOrDefault(j) + norm;
        }
        foreach (var h in hashes.Unscaled)
        {
            var j = bucket(h);
            values[j] = values.GetValueOrDefault(j) + 1f;
        }
        return new SparseVector(values.Keys.ToArray(), values.Values.ToArray());
    }
}
