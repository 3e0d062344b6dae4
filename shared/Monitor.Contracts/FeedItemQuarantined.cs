namespace Monitor.Contracts;

/// <summary>
/// A feed skipped an item it could not read. Kept in the stream <c>feed-quarantine-{Feed}</c> so an
/// operator can inspect the raw item and why it was refused; the rest of its page went through.
/// </summary>
/// <param name="PlatformId">The item's id at the source, when it could be read.</param>
/// <param name="Reason">Which field was wrong and why, e.g. "created_at: 'yesterday-ish' is not a date".</param>
/// <param name="Raw">The item as the source sent it (JSON or XML text).</param>
/// <param name="Cursor">The cursor the item's page was fetched after.</param>
public sealed record FeedItemQuarantined(
    string Feed,
    string Platform,
    string? PlatformId,
    string Reason,
    string Raw,
    string? Cursor,
    DateTimeOffset At);
