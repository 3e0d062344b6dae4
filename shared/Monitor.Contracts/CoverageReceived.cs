namespace Monitor.Contracts;

/// <summary>
/// A feed saw a coverage item. Feeds publish this; ingestion validates it and turns it into
/// <see cref="CoverageIngested"/> (new item) or <see cref="CoverageMetricsUpdated"/> (known item, new counts).
/// </summary>
/// <param name="Platform">One of <see cref="PlatformNames"/>.</param>
/// <param name="PlatformId">The item's id at the source (mblog id, aweme_id, note_id); for news, the article URL.</param>
/// <param name="Url">Link to the item.</param>
/// <param name="Title">Headline or note title, if the source has one.</param>
/// <param name="Text">The body as the source gave it (may hold HTML).</param>
/// <param name="PublishedAt">When the source says it was published, in UTC.</param>
/// <param name="Hashtags">Hashtags and topics the source lists, without the # marks.</param>
/// <param name="Region">IP region or location label, if the source shows one.</param>
/// <param name="Feed">The name of the feed that saw it.</param>
/// <param name="ObservedAt">When the feed saw it (counts are as of this moment).</param>
public sealed record CoverageReceived(
    string Platform,
    string PlatformId,
    string Url,
    string? Title,
    string Text,
    Author Author,
    DateTimeOffset PublishedAt,
    Engagement Engagement,
    IReadOnlyList<string> Hashtags,
    string? Region,
    string Feed,
    DateTimeOffset ObservedAt);
