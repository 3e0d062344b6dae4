namespace Monitor.Cli.Sentiment.Correct;

/// <summary>The answer to POST /api/mentions/{id}/sentiment: the correction that stands.</summary>
public sealed record SentimentCorrection(string Label, string By, DateTimeOffset At, string? Note);
