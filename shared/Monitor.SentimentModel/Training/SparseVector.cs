using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// A text's features as sorted distinct buckets with the values the classifier gives them when
/// scoring: n-grams count / (n-gram occurrences)^power, emoticons their plain count.
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
    public static SparseVector Linear(FeatureHashes hashes, int hashBits, float lengthPower = ModelWeights.DefaultLengthPower)
    {
        var mask = (uint)((1 << hashBits) - 1);
        var grams = Math.Max(hashes.Scaled.Length, 1);
        var perGram = lengthPower == ModelWeights.DefaultLengthPower ? 1f / MathF.Sqrt(grams) : 1f / MathF.Pow(grams, lengthPower);
        return Of(hashes, h => (int)(h & mask), perGram);
    }

    /// <summary>The top bits of each hash: the embedding bag's buckets; n-grams averaged rather than divided by sqrt(count).</summary>
    public static SparseVector Embedding(FeatureHashes hashes, int hashBits)
    {
        var shift = 32 - hashBits;
        return Of(hashes, h => (int)(h >> shift), 1f / Math.Max(hashes.Scaled.Length, 1));
    }

    /// <summary>
    /// Feature augmentation for a row of a training domain: every feature once in the shared table
    /// (buckets 0 .. 2^hashBits) and once as its domain's copy after it (<see cref="DomainCopies"/>,
    /// offset by 2^hashBits). A row of no domain (-1) gets the shared features alone.
    /// </summary>
    public static SparseVector Augmented(FeatureHashes hashes, int hashBits, float lengthPower, int domain, int domains, int domainBits, float copyValue = 1f)
    {
        var shared = Linear(hashes, hashBits, lengthPower);
        if (domain < 0) return shared;
        var copies = DomainCopies(hashes, lengthPower, domain, domains, domainBits, copyValue);
        var offset = 1 << hashBits;
        return new SparseVector([.. shared.Indices, .. copies.Indices.Select(j => j + offset)], [.. shared.Values, .. copies.Values]);
    }

    /// <summary>
    /// A row's domain copies alone: bucket b of domain d at b · domains + d, plus the domain's bias
    /// (index 2^domainBits · domains + d, value 1). A copy's value is the shared value times <paramref name="copyValue"/>.
    /// </summary>
    public static SparseVector DomainCopies(FeatureHashes hashes, float lengthPower, int domain, int domains, int domainBits, float copyValue = 1f)
    {
        var shift = 32 - domainBits;
        var perGram = (float)(1 / ModelWeights.LengthDivisor(Math.Max(hashes.Scaled.Length, 1), lengthPower));
        var copies = Of(hashes, h => Domains.DomainBuckets.Table(h, shift) * domains + domain, perGram, copyValue);
        return new SparseVector([.. copies.Indices, (1 << domainBits) * domains + domain], [.. copies.Values, 1f]);
    }

    /// <summary>The domain classifier's buckets (see <see cref="Domains.DomainBuckets.Classifier"/>), with the linear model's values.</summary>
    public static SparseVector DomainClassifier(FeatureHashes hashes, int classifierBits, float lengthPower)
    {
        var shift = 32 - classifierBits;
        var perGram = (float)(1 / ModelWeights.LengthDivisor(Math.Max(hashes.Scaled.Length, 1), lengthPower));
        return Of(hashes, h => Domains.DomainBuckets.Classifier(h, shift), perGram);
    }

    private static SparseVector Of(FeatureHashes hashes, Func<uint, int> bucket, float? perGram = null, float factor = 1f)
    {
        var norm = (perGram ?? 1f / MathF.Sqrt(Math.Max(hashes.Scaled.Length, 1))) * factor;
        var values = new SortedDictionary<int, float>();
        foreach (var h in hashes.Scaled)
        {
            var j = bucket(h);
            values[j] = values.GetValueOrDefault(j) + norm;
        }
        foreach (var h in hashes.Unscaled)
        {
            var j = bucket(h);
            values[j] = values.GetValueOrDefault(j) + factor;
        }
        return new SparseVector(values.Keys.ToArray(), values.Values.ToArray());
    }
}
