using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// A text's three class probabilities from the polarity logit a and the subjectivity logit s:
/// P(neutral) = 1 − σ(s), P(positive) = σ(s)·σ(a), P(negative) = σ(s)·(1 − σ(a)).
/// </summary>
public readonly record struct ClassProbabilities(double Negative, double Neutral, double Positive)
{
    public static ClassProbabilities Of(double polarityLogit, double subjectivityLogit)
    {
        var polar = Sigmoid(subjectivityLogit);
        var positive = Sigmoid(polarityLogit);
        return new ClassProbabilities(polar * (1 - positive), 1 - polar, polar * positive);
    }

    /// <summary>The most probable class (a tie goes to neutral, then to positive).</summary>
    public SentimentLabel Label => Neutral >= Positive && Neutral >= Negative
        ? SentimentLabel.Neutral
        : Positive >= Negative ? SentimentLabel.Positive : SentimentLabel.Negative;

    public double this[SentimentLabel label] => label switch
    {
        SentimentLabel.Positive => Positive,
        SentimentLabel.Negative => Negative,
        _ => Neutral,
    };

    /// <summary>From −1 to +1: P(positive) − P(negative) (a neutral text sits near 0).</summary>
    public double Score => Positive - Negative;

    private static double Sigmoid(double logit) => 1.0 / (1.0 + Math.Exp(-logit));
}
