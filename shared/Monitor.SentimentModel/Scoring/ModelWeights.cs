using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// The trained parameters: one 16-bit weight per hash bucket (real weight = stored * <see cref="Scale"/>),
/// the bias, the neutral band on the logit and the feature settings the weights were trained with.
/// A model may add an <see cref="Ensemble"/> (an embedding bag and a stacker); without one the
/// linear logit is the model's logit. A model may also carry <see cref="Domains"/>: per-domain copies of
/// the weights and the classifier that picks the domain (format 4).
/// </summary>
public sealed record ModelWeights(
    string Version,
    int HashBits,
    int MaxCjkGram,
    float Scale,
    float Bias,
    float NeutralBelow,
    float NeutralAbove,
    short[] Weights)
{
    public int Mask => (1 << HashBits) - 1;

    public EnsembleWeights? Ensemble { get; init; }

    /// <summary>
    /// The three-class part: whether a text judges or is neutral (none before format 5; without it a
    /// text is neutral when its logit falls inside the band NeutralBelow .. NeutralAbove).
    /// </summary>
    public SubjectivityWeights? Subjectivity { get; init; }

    /// <summary>Domain copies of the weights and the domain classifier (none before format 4).</summary>
    public DomainAdaptation? Domains { get; init; }

    /// <summary>The optional feature families the weights were trained with (none in format 1 and 2 files).</summary>
    public FeatureSet Features { get; init; }

    /// <summary>
    /// N-gram values are count / (n-gram occurrences in the text)^LengthPower: 0.5 (a square root) in
    /// every model up to format 2; 0 would let long texts sum freely, 1 would average.
    /// </summary>
    public float LengthPower { get; init; } = DefaultLengthPower;

    public const float DefaultLengthPower = 0.5f;

    /// <summary>What the n-gram sum of a text with <paramref name="grams"/> n-gram occurrences is divided by.</summary>
    public static double LengthDivisor(int grams, float power) =>
        power == DefaultLengthPower ? Math.Sqrt(Math.Max(grams, 1)) : Math.Pow(Math.Max(grams, 1), power);

    /// <summary>
    /// The same model with every polarity logit negated: positive and negative swap, neutral stays neutral.
    /// (A model whose every decision is known from this one, e.g. to test re-scoring.)
    /// </summary>
    public ModelWeights Negated(string version) => new(version, HashBits, MaxCjkGram, Scale, -Bias, -NeutralAbove, -NeutralBelow,
        Weights.Select(w => (short)-Math.Max(w, (short)-short.MaxValue)).ToArray())
    {
        Ensemble = Ensemble?.Negated(),
        Domains = Domains?.Negated(),
        Subjectivity = Subjectivity,
        Features = Features,
        LengthPower = LengthPower,
    };
}
