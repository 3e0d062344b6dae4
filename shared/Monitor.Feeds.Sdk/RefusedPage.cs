using Monitor.Platforms;

namespace Monitor.Feeds.Sdk;

/// <summary>
/// A page that holds no readable results: it is quarantined whole (its address, the reason, the start of
/// what the source answered) and the feed goes on to what follows it, so one bad answer never stops a cycle.
/// </summary>
public static class RefusedPage
{
    /// <summary>How much of the answer is kept with the reason: enough to recognise a login or captcha page.</summary>
    public const int RawExcerptBytes = 4096;

    /// <param name="source">The page's address; kept as the quarantined record's id.</param>
    /// <param name="reason">What was wrong with the page, for an operator.</param>
    /// <param name="body">What the source answered (empty when nothing was read).</param>
    public static FeedPage Of(string source, string reason, ReadOnlySpan<byte> body, string? next, bool isLast) =>
        new([], [new RejectedItem(source, reason, UnicodeText.Lenient(body[..Math.Min(body.Length, RawExcerptBytes)]))], next, isLast)
        {
            Refused = reason,
        };
}
