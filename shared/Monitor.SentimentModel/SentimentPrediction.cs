namespace Monitor.SentimentModel;

/// <summary>One scored text.</summary>
/// <param name="Label">"positive", "neutral" or "negative".</param>
/// <param name="Score">
/// From -1 (most negative) to +1 (most positive): P(positive) − P(negative), so a neutral text sits
/// near 0 (models before format 5: 2·P(positive) − 1).
/// </param>
/// <param name="Confidence">
/// 0..1: the model's probability of the label it gave (models before format 5: for neutral,
/// 1 − |Score|, how close the text sits to an even balance).
/// </param>
/// <param name="ModelVersion">The version of the model that scored it.</param>
/// <param name="TopPhrases">Phrases of the text that weighed most, strongest first; a positive weight pushes towards positive.</param>
public sealed record SentimentPrediction(
    string Label,
    double Score,
    double Confidence,
    string ModelVersion,
    IReadOnlyList<(string Phrase, double Weight)> TopPhrases);
