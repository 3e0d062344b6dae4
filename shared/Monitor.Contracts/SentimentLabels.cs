namespace Monitor.Contracts;

public static class SentimentLabels
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";

    public static readonly IReadOnlyList<string> All = [Positive, Neutral, Negative];
}
