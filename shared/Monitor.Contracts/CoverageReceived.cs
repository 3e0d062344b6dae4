namespace Monitor.Contracts;

/// <summary>
/// A feed saw a coverage item. Feeds publish this; ingestion validates it and turns it into
/// <see cref="CoverageIngested"/> (new item) or <see cref="CoverageMetricsUpdated"/> (known item, new counts).
/// </summary>
/// <remarks>
/// Limits (<see cref="InputLimits"/>), the same over HTTP and on the bus: no string field (platform, ids,
/// url, title, text, author id and name, hashtags, region, feed) may hold a control character other than
/// tab, line feed and carriage return, nor an unpaired surrogate; such an item is refused whole, naming
/// the field, and nothing is stripped. <see cref="ObservedAt"/> lies between 1990-01-01 and one day after
/// the server's clock; <see cref="PublishedAt"/> between 1990-01-01 and one day after <see cref="ObservedAt"/>.
/// The counts kept for an item are those of its newest observation: an observation older than one
/// already stored is not stored.
/// </remarks>
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
/// <param name="PublishedAt">When the source says it was published, in UTC (from 1990-01-01 to a day after <see cref="ObservedAt"/>).</param>
/// <param name="Hashtags">Hashtags and topics the source lists, without the # marks.</param>
/// <param name="Region">IP region or location label, if the source shows one.</param>
/// <param name="Feed">The name of the feed that saw it.</param>
/// <param name="ObservedAt">When the feed saw it (counts are as of this moment; from 1990-01-01 to a day after now).</param>
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
