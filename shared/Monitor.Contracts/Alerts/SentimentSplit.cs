namespace Monitor.Contracts.Alerts;

/// <summary>How many items of a platform were positive, neutral and negative.</summary>
public sealed record SentimentSplit(int Positive, int Neutral, int Negative)
{
    public int Total => Positive + Neutral + Negative;
}
