namespace Monitor.SentimentModel.Ensemble;

/// <summary>
/// A small network over the same hashed features as the linear model (fastText-style): every feature
/// has a learned 16-number vector (8-bit, one scale), a text is the mean of its n-grams' vectors plus
/// its emoticons' vectors at full weight, then one tanh hidden layer and a logistic output. Unlike the linear model it can weigh
/// features together, e.g. a negation with the praise it turns round.
/// </summary>
public sealed record EmbeddingBag(
    int HashBits,
    float Scale,
    sbyte[] Embeddings,
    int Hidden,
    float[] HiddenWeights,
    float[] HiddenBias,
    float[] OutputWeights,
    float OutputBias)
{
    /// <summary>Numbers per feature vector: one 128-bit register of signed bytes.</summary>
    public const int Dimensions = 16;

    /// <summary>A feature's vector is chosen by the top bits of its hash (the linear model uses the low bits).</summary>
    public int Shift => 32 - HashBits;

    public void Validate()
    {
        if (HashBits is < 8 or > 24) throw new InvalidDataException($"Embedding bag has {HashBits} hash bits; expected 8..24.");
        if (Embeddings.Length != (1 << HashBits) * Dimensions)
            throw new InvalidDataException($"Embedding bag holds {Embeddings.Length} numbers; {HashBits} hash bits × {Dimensions} need {(1 << HashBits) * Dimensions}.");
        if (Hidden is < 1 or > 256) throw new InvalidDataException($"Embedding bag has {Hidden} hidden units; expected 1..256.");
        if (HiddenWeights.Length != Hidden * Dimensions || HiddenBias.Length != Hidden || OutputWeights.Length != Hidden)
            throw new InvalidDataException("Embedding bag layer sizes do not match its hidden units.");
    }

    /// <summary>The output logit for a text whose summed (still quantised) feature vectors are given.</summary>
    public double Logit(ReadOnlySpan<int> scaledSum, int scaledCount, ReadOnlySpan<int> unscaledSum)
    {
        Span<float> input = stackalloc float[Dimensions];
        var perGram = Scale / Math.Max(scaledCount, 1);
        for (var d = 0; d < Dimensions; d++) input[d] = scaledSum[d] * perGram + unscaledSum[d] * Scale;
        return Forward(input);
    }

    public double Forward(ReadOnlySpan<float> input)
    {
        double z = OutputBias;
        for (var h = 0; h < Hidden; h++)
        {
            var pre = HiddenBias[h];
            var row = HiddenWeights.AsSpan(h * Dimensions, Dimensions);
            for (var d = 0; d < Dimensions; d++) pre += row[d] * input[d];
            z += OutputWeights[h] * MathF.Tanh(pre);
        }
        return z;
    }

    /// <summary>The same network with its output negated: every logit changes sign.</summary>
    public EmbeddingBag Negated() => this with
    {
        OutputWeights = OutputWeights.Select(w => -w).ToArray(),
        OutputBias = -OutputBias,
    };
}
