namespace Monitor.Contracts;

/// <summary>
/// A coverage item scored again by a newer model version. Appended next to the original
/// <see cref="SentimentScored"/>, which stays in the stream: the log keeps every score ever given.
/// The latest score event of a stream (scored or rescored) is its current sentiment.
/// </summary>
/// <param name="Label">"positive", "neutral" or "negative", as <see cref="ModelVersion"/> scored it.</param>
/// <param name="Score">From -1 (most negative) to +1 (most positive).</param>
/// <param name="Confidence">The model's probability for <see cref="Label"/>, 0..1.</param>
/// <param name="ModelVersion">The model version that scored the text this time.</param>
/// <param name="PreviousModelVersion">The version behind the stream's score before this one.</param>
/// <param name="PreviousLabel">The label the stream had before this one.</param>
/// <param name="TopPhrases">The phrases that weighed most in the decision, strongest first.</param>
/// <param name="EntityIds">Carried over from extraction so alert rules can scope without a lookup.</param>
/// <param name="Reach">Estimated audience, as extraction computed it.</param>
public sealed record SentimentRescored(
    Guid CoverageId,
    string Platform,
    DateTimeOffset PublishedAt,
    string Label,
    double Score,
    double Confidence,
    string ModelVersion,
    string PreviousModelVersion,
    string PreviousLabel,
    IReadOnlyList<SentimentPhrase> TopPhrases,
    IReadOnlyList<string> EntityIds,
    long Reach);
