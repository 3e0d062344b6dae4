namespace Monitor.SentimentModel.Domains;

/// <summary>How the domain copies of the weights join the shared weights once the domain classifier has spoken.</summary>
public enum DomainMixing
{
    /// <summary>The most probable domain's copy alone, when its probability reaches the threshold.</summary>
    Hard = 0,

    /// <summary>Every domain's copy weighted by its probability, when the most probable one reaches the threshold.</summary>
    Soft = 1,
}

/// <summary>
/// Domain adaptation by feature augmentation: every feature has a shared weight (in the model's main
/// table) and one weight per training domain (hotel, shopping, ...), kept side by side in
/// <see cref="Weights"/> so one bucket holds all of a feature's domain copies. A small multinomial
/// logistic regression over the same features (<see cref="Classifier"/>) says which domain a text is
/// from; when it is unsure (its top probability under <see cref="Threshold"/>) only the shared weights
/// score, which is what coverage unlike any training domain gets.
/// </summary>
/// <param name="Names">The domains, in the order of the weights.</param>
/// <param name="HashBits">Buckets of the domain table: 2^HashBits, each holding one weight per domain.</param>
/// <param name="Weights">16-bit, the same scale as the shared weights; bucket b, domain d at b · Names.Length + d.</param>
/// <param name="Biases">Each domain's own bias, added with its copy.</param>
/// <param name="Scales">How much of each domain's copy joins the shared weights (1 = as trained).</param>
public sealed record DomainAdaptation(
    string[] Names,
    int HashBits,
    short[] Weights,
    float[] Biases,
    float[] Scales,
    DomainClassifierWeights Classifier,
    DomainMixing Mixing,
    float Threshold)
{
    /// <summary>At most this many domains (the scoring sink keeps a fixed row of sums per domain).</summary>
    public const int MaxDomains = 8;

    public int Count => Names.Length;

    public int Shift => 32 - HashBits;

    public void Validate()
    {
        if (Names.Length is < 1 or > MaxDomains)
            throw new InvalidDataException($"Domain adaptation has {Names.Length} domains; expected 1..{MaxDomains}.");
        if (HashBits is < 8 or > 24)
            throw new InvalidDataException($"Domain table has {HashBits} hash bits; expected 8..24.");
        if (Weights.Length != (1 << HashBits) * Names.Length)
            throw new InvalidDataException($"Domain table holds {Weights.Length} weights; 2^{HashBits} buckets × {Names.Length} domains need {(1 << HashBits) * Names.Length}.");
        if (Biases.Length != Names.Length || Scales.Length != Names.Length)
            throw new InvalidDataException("Domain biases and scales must have one value per domain.");
        if (!(Threshold is >= 0 and <= 1))
            throw new InvalidDataException($"Domain threshold {Threshold} is not a probability.");
        if (!Enum.IsDefined(Mixing))
            throw new InvalidDataException($"Unknown domain mixing {(int)Mixing}.");
        Classifier.Validate(Names.Length);
    }

    /// <summary>
    /// How much of each domain's copy joins the shared logit for a text with these domain probabilities:
    /// nothing when the classifier is unsure, else the top domain alone (hard) or every domain by its
    /// probability (soft), times the domain's scale.
    /// </summary>
    public void Factors(ReadOnlySpan<double> probabilities, Span<double> factors)
    {
        factors.Clear();
        var top = 0;
        for (var d = 1; d < Count; d++)
            if (probabilities[d] > probabilities[top]) top = d;
        if (probabilities[top] < Threshold) return;
        if (Mixing == DomainMixing.Hard)
        {
            factors[top] = Scales[top];
            return;
        }
        for (var d = 0; d < Count; d++) factors[d] = probabilities[d] * Scales[d];
    }

    /// <summary>The same adaptation with every domain weight negated (see <see cref="Scoring.ModelWeights.Negated"/>).</summary>
    public DomainAdaptation Negated() => this with
    {
        Weights = Weights.Select(w => (short)-Math.Max(w, (short)-short.MaxValue)).ToArray(),
        Biases = Biases.Select(b => -b).ToArray(),
    };
}

/// <summary>
/// The domain classifier: per bucket one 16-bit weight per domain (real weight = stored · <see cref="Scale"/>),
/// over the same feature values as the sentiment weights, and a bias per domain; softmax over the domains.
/// </summary>
public sealed record DomainClassifierWeights(int HashBits, float Scale, short[] Weights, float[] Biases)
{
    public int Shift => 32 - HashBits;

    public void Validate(int domains)
    {
        if (HashBits is < 8 or > 24)
            throw new InvalidDataException($"Domain classifier has {HashBits} hash bits; expected 8..24.");
        if (Weights.Length != (1 << HashBits) * domains || Biases.Length != domains)
            throw new InvalidDataException($"Domain classifier sizes do not match 2^{HashBits} buckets × {domains} domains.");
    }
}
