namespace Monitor.Contracts;

/// <summary>The sentiment of a coverage item as a model version scored it.</summary>
/// <param name="Label">"positive", "neutral" or "negative".</param>
/// <param name="Score">From -1 (most negative) to +1 (most positive).</param>
/// <param name="Confidence">The model's probability for <see cref="Label"/>, 0..1.</param>
/// <param name="TopPhrases">The phrases that weighed most in the decision, strongest first.</param>
/// <param name="EntityIds">Carried over from extraction so alert rules can scope without a lookup.</param>
public sealed record SentimentScored(
    Guid CoverageId,
    string Platform,
    DateTimeOffset PublishedAt,
    string Label,
    double Score,
    double Confidence,
    string ModelVersion,
    IReadOnlyList<SentimentPhrase> TopPhrases,
    IReadOnlyList<string> EntityIds,
    long Reach);
