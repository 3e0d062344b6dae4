namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// The three-class part of a model (format 5): a second linear model over the same features whose
/// logit says whether a text judges (positive or negative) or only states or asks (neutral).
/// With it, P(neutral) = 1 − σ(s) and the polar share σ(s) splits by the polarity logit a:
/// P(positive) = σ(s)·σ(a), P(negative) = σ(s)·(1 − σ(a)). Real weight = stored · <see cref="Scale"/>.
/// </summary>
public sealed record SubjectivityWeights(int HashBits, float Scale, float Bias, short[] Weights)
{
    public int Mask => (1 << HashBits) - 1;

    /// <summary>
    /// The polarity weights and these side by side, one 32-bit entry per polarity bucket (polarity in the
    /// low 16 bits, the subjectivity weight of the same hash in the high 16), so scoring a feature reads
    /// one cache line rather than two. Needs no more subjectivity hash bits than polarity ones.
    /// </summary>
    public int[] Interleave(short[] polarity, int polarityHashBits)
    {
        if (HashBits > polarityHashBits)
            throw new InvalidDataException($"The subjectivity part has {HashBits} hash bits, more than the polarity part's {polarityHashBits}.");
        var pairs = new int[polarity.Length];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = (Weights[i & Mask] << 16) | (ushort)polarity[i];
        return pairs;
    }
}
