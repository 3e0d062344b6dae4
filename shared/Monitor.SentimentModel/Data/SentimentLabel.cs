namespace Monitor.SentimentModel.Data;

public enum SentimentLabel
{
    Negative = -1,
    Neutral = 0,
    Positive = 1,
}

public static class SentimentLabelText
{
    public static string Name(this SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "positive",
        SentimentLabel.Negative => "negative",
        _ => "neutral",
    };

    public static SentimentLabel FromName(string name) => name switch
    {
        "positive" => SentimentLabel.Positive,
        "negative" => SentimentLabel.Negative,
        "neutral" => SentimentLabel.Neutral,
        _ => throw new ArgumentException($"Unknown sentiment label '{name}'.", nameof(name)),
    };

    /// <summary>Reads 0/1, pos/neg/neu, positive/negative/neutral (any case).</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out SentimentLabel label)
    {
        var v = value.Trim();
        if (v is "1" || v.Equals("pos", StringComparison.OrdinalIgnoreCase) || v.Equals("positive", StringComparison.OrdinalIgnoreCase))
        {
            label = SentimentLabel.Positive;
            return true;
        }
        if (v is "0" || v.Equals("neg", StringComparison.OrdinalIgnoreCase) || v.Equals("negative", StringComparison.OrdinalIgnoreCase))
        {
            label = SentimentLabel.Negative;
            return true;
        }
        if (v.Equals("neu", StringComparison.OrdinalIgnoreCase) || v.Equals("neutral", StringComparison.OrdinalIgnoreCase))
        {
            label = SentimentLabel.Neutral;
            return true;
        }
        label = default;
        return false;
    }
}
