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
}
