namespace Monitor.Contracts;

/// <summary>
/// A feed saw a coverage item. Feeds publish this; ingestion validates it and turns it into
/// <see cref="CoverageIngested"/> (new item) or <see cref="CoverageMetricsUpdated"/> (known item, new counts).
/// </summary>
/// <param name="Platform">One of <see cref="PlatformNames"/>.</param>
/// <param name="PlatformId">The item's id at the source (mblog id, aweme_id, note_id); for news, the article URL.</param>
/// <param name="Url">Link to the item.</param>
/// <param name="Title">Headline or note title, if the source has one.</param>
/// <param name="Text">
/// The body as plain text. From the project's feeds, consumers may assume: no HTML tags (markup is removed, and
/// entity-escaped markup, once or twice, is decoded and removed too, so no <c>&lt;script&gt;</c> or
/// <c>javascript:</c> link survives as markup), entities decoded, well-formed UTF-16 without NUL, and text or a
/// title present. It is still text from the web: escape it wherever it is written into HTML, and a literal
/// "&lt;" (as in "a &lt; b") may remain. An item posted to ingestion directly carries what its sender wrote.
/// </param>
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
