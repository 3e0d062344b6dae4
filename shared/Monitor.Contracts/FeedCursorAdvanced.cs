namespace Monitor.Contracts;

/// <summary>
/// A feed published a page and moved its cursor. Appended to <c>feed-{Feed}</c> only after every
/// item of the page was confirmed by the broker, so a restart resumes from <see cref="To"/>.
/// </summary>
/// <param name="From">The cursor the page was fetched after (null: the start).</param>
/// <param name="To">The cursor to fetch the next page after (null: start over at the next cycle).</param>
/// <param name="Published">Items of the page published.</param>
/// <param name="Quarantined">Items of the page skipped as bad input.</param>
public sealed record FeedCursorAdvanced(
    string Feed,
    string? From,
    string? To,
    int Published,
    int Quarantined,
    DateTimeOffset At);
