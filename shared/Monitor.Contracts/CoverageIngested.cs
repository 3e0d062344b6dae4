namespace Monitor.Contracts;

/// <summary>
/// A new coverage item was accepted. The first event of the stream <c>coverage-{CoverageId}</c>;
/// <see cref="CoverageId"/> comes from <see cref="CoverageIdentity"/>, so the same item seen twice is one stream.
/// </summary>
/// <param name="ObservedAt">When the feed saw the item, so its counts are as of this moment; null in events stored before it was recorded.</param>
public sealed record CoverageIngested(
    Guid CoverageId,
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
    DateTimeOffset IngestedAt,
    DateTimeOffset? ObservedAt = null);
