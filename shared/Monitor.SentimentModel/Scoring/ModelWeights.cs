using Monitor.SentimentModel.Ensemble;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// The trained parameters: one 16-bit weight per hash bucket (real weight = stored * <see cref="Scale"/>),
/// the bias, the neutral band on the logit and the feature settings the weights were trained with.
/// A model may add an <see cref="Ensemble"/> (an embedding bag and a stacker); without one the
/// linear logit is the model's logit.
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
    /// The same model with every logit negated: positive and negative swap, neutral stays neutral.
    /// (A model whose every decision is known from this one, e.g. to test re-scoring.)
    /// </summary>
    public ModelWeights Negated(string version) => new(version, HashBits, MaxCjkGram, Scale, -Bias, -NeutralAbove, -NeutralBelow,
        Weights.Select(w => (short)-Math.Max(w, (short)-short.MaxValue)).ToArray())
    {
        Ensemble = Ensemble?.Negated(),
    };
}
