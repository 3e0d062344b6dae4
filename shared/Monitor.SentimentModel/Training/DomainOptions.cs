using Monitor.SentimentModel.Domains;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Settings of domain adaptation by feature augmentation (see <see cref="DomainAdaptation"/>); the
/// defaults are the best configuration on dev (models/MODEL_CARD.md, round 5), which was not shipped.
/// </summary>
public sealed record DomainOptions
{
    /// <summary>Which domain each training set's rows belong to; other sets and lexicon rows train the shared weights only.</summary>
    public IReadOnlyDictionary<string, string> SetDomains { get; init; } = TrainingDomains.Default;

    /// <summary>
    /// Domains the classifier learns to recognise but whose copies are not trained: their texts score
    /// with the shared weights alone (e.g. movie: SST-2's training rows are short phrases, and a copy
    /// fitted to phrases reads whole sentences worse than the shared weights do).
    /// </summary>
    /// Delivery: on dev its copy lost waimai rows even when every waimai text got it.
    public IReadOnlySet<string> SharedOnly { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "movie", "delivery" };

    /// <summary>
    /// A domain copy's feature value relative to the shared one while training (the copies' weights are
    /// multiplied by it when stored): below 1 the copies grow more slowly than the shared weights, so
    /// they learn only what the shared weights cannot.
    /// </summary>
    public double CopyValue { get; init; } = 0.5;

    /// <summary>
    /// Fit the copies after the shared weights, as corrections of the shared logit (the shared weights
    /// are then exactly those of a model without domains); false: one joint fit of both.
    /// </summary>
    public bool Residual { get; init; } = true;

    /// <summary>Buckets of the domain table: 2^bits, each holding one 16-bit weight per domain.</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>Buckets of the domain classifier: 2^bits, each holding one 16-bit weight per domain.</summary>
    public int ClassifierBits { get; init; } = 16;

    public int ClassifierEpochs { get; init; } = 3;
    public double ClassifierLearningRate { get; init; } = 0.2;

    /// <summary>The mixing rule; null = the better one on dev.</summary>
    public DomainMixing? Mixing { get; init; }

    /// <summary>Below this top probability only the shared weights score; null = the best of <see cref="DomainChoice.Thresholds"/> on dev.</summary>
    public double? Threshold { get; init; }

    /// <summary>How much of every domain copy joins the shared weights (1 = as trained).</summary>
    public double Scale { get; init; } = 1.0;
}
