namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// The trained parameters: one 16-bit weight per hash bucket (real weight = stored * <see cref="Scale"/>),
/// the bias, the neutral band on the logit and the feature settings the weights were trained with.
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
}
