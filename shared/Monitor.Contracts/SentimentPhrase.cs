namespace Monitor.Contracts;

/// <summary>A phrase and its signed weight in a sentiment decision (positive pushes towards positive).</summary>
public sealed record SentimentPhrase(string Phrase, double Weight);
