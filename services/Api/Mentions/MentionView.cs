namespace Monitor.Api.Mentions;

/// <summary>A mention as the API lists and exports it.</summary>
public sealed record MentionView(
    Guid Id,
    string? Platform,
    string? Url,
    string? Author,
    long? AuthorFollowers,
    DateTimeOffset? PublishedAt,
    string? Title,
    string Snippet,
    string? Language,
    IReadOnlyList<EntityView> Entities,
    IReadOnlyList<string> Keywords,
    string? ClusterId,
    long Reach,
    SentimentView? Sentiment);

public sealed record EntityView(string Id, string Name, string Type);

/// <param name="Label">The label the mention counts under: a person's correction when there is one, else the model's.</param>
/// <param name="ModelLabel">The model's label (<paramref name="ModelVersion"/>'s), whatever a person said.</param>
/// <param name="Correction">Who corrected the label, when and why; null while the model's label stands.</param>
public sealed record SentimentView(string Label, double Score, double Confidence, string ModelVersion, IReadOnlyList<PhraseView> Phrases,
    string? ModelLabel = null, CorrectionView? Correction = null);

/// <summary>A person's correction of a mention's label.</summary>
public sealed record CorrectionView(string Label, string By, DateTimeOffset At, string? Note);

/// <summary>The body of POST /api/mentions/{id}/sentiment.</summary>
/// <param name="Label">positive, neutral or negative.</param>
/// <param name="Note">Why, at most 500 characters.</param>
public sealed record CorrectSentimentRequest(string? Label, string? Note = null);

public sealed record PhraseView(string Text, double Weight);

/// <summary>An exported mention: the listed fields and the whole text.</summary>
public sealed record MentionExportRow(MentionView Mention, string Text);
