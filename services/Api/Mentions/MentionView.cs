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

public sealed record SentimentView(string Label, double Score, double Confidence, string ModelVersion, IReadOnlyList<PhraseView> Phrases);

public sealed record PhraseView(string Text, double Weight);

/// <summary>An exported mention: the listed fields and the whole text.</summary>
public sealed record MentionExportRow(MentionView Mention, string Text);
