using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

/// <summary>Hyper-parameters; the defaults are the ones the shipped model was trained with.</summary>
public sealed record TrainingOptions
{
    public string Version { get; init; } = "su7-sent-2026.12.2";
    public int HashBits { get; init; } = 21;
    public int MaxCjkGram { get; init; } = 3;

    /// <summary>Optional feature families (links and handles, Chinese words, a language bias); stored in the model file.</summary>
    public FeatureSet Features { get; init; } = FeatureSet.LinksAndHandles;

    /// <summary>N-gram values are count / (n-gram occurrences)^power; stored in the model file.</summary>
    public double LengthPower { get; init; } = 0.5;
    public int Epochs { get; init; } = 4;
    public double LearningRate { get; init; } = 0.2;
    public double L2 { get; init; } = 1e-6;
    public int Seed { get; init; } = 20261121;

    /// <summary>Per-set weight of each training row (sets not listed weigh 1).</summary>
    public IReadOnlyDictionary<string, double> SetWeights { get; init; } = new Dictionary<string, double>
    {
        ["weibo_senti_100k_subset"] = 4.0,
        [ModelTrainer.AuthoredSet] = 10.0,
        [ModelTrainer.CorrectionsSet] = 10.0,
    };

    /// <summary>
    /// Scale each feature by its naive-Bayes log-count ratio before the regression (NB-LR, after Wang
    /// and Manning 2012); the ratio is folded into the stored weights, so scoring is unchanged.
    /// </summary>
    public bool NaiveBayesScaling { get; init; } = true;

    /// <summary>Ship the mean of the end-of-epoch weights rather than the last ones.</summary>
    public bool AverageEpochs { get; init; } = true;

    /// <summary>
    /// NB-LR interpolation β: the shipped weight of a scaled feature is (1-β)·mean|w| + β·w, which
    /// leans every feature towards its plain naive-Bayes vote (β = 1: the regression's weights alone).
    /// </summary>
    public double NaiveBayesInterpolation { get; init; } = 1.0;

    /// <summary>Smoothing of the naive-Bayes counts.</summary>
    public double NaiveBayesAlpha { get; init; } = 1.0;

    /// <summary>Weight of each lexicon word used as a training row (0 = lexicons unused).</summary>
    public double LexiconWeight { get; init; } = 1.0;

    /// <summary>Sets whose rows are phrases of sentences rather than whole texts.</summary>
    public IReadOnlySet<string> PhraseSets { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "SST-2" };

    /// <summary>A phrase row weighs (min(words, 20) / 8)^power (0 = every phrase the same).</summary>
    public double PhraseLengthPower { get; init; } = 0.75;

    /// <summary>
    /// The embedding bag and stacker trained beside the linear model (null = the linear model alone,
    /// as shipped: the ensemble did not beat it on dev; see models/MODEL_CARD.md). Trained without domains only.
    /// </summary>
    public EmbeddingOptions? Embedding { get; init; }

    /// <summary>
    /// Domain adaptation by feature augmentation (null = one weight space for every set, as shipped:
    /// it did not carry the SU7 sets on dev; see models/MODEL_CARD.md, round 5).
    /// </summary>
    public DomainOptions? Domains { get; init; }

    /// <summary>Probability of dropping each feature of a row on each pass while training (0 = none).</summary>
    public double FeatureDropout { get; init; }

    /// <summary>
    /// Train the three-class subjectivity part on the sets that have neutral rows (false, or no such
    /// set: the two-class model with a neutral band calibrated on the SU7 dev set).
    /// </summary>
    public bool ThreeClass { get; init; } = true;

    /// <summary>Hash bits of the subjectivity part.</summary>
    public int SubjectivityHashBits { get; init; } = 20;

    /// <summary>
    /// Scale the subjectivity part's features by their naive-Bayes ratio too (only when <see cref="NaiveBayesScaling"/>);
    /// off: plain logistic regression beat NB-LR there on every three-class dev set but Weibo (see models/MODEL_CARD.md).
    /// </summary>
    public bool SubjectivityNaiveBayesScaling { get; init; }

    /// <summary>Weight of a two-class set's row as a judging text in the subjectivity part (0 = they train only the polarity).</summary>
    public double SubjectivityTwoClassWeight { get; init; }

    /// <summary>Use only every n-th training row (1 = all); for quick experiments.</summary>
    public int Subsample { get; init; } = 1;
}
