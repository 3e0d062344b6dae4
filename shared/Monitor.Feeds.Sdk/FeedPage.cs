using Monitor.Contracts;

namespace Monitor.Feeds.Sdk;

/// <summary>One fetched page, mapped.</summary>
/// <param name="Items">The items to publish.</param>
/// <param name="Rejected">Items that could not be read; they go to the quarantine stream.</param>
/// <param name="Next">The cursor to fetch the following page after (null: start over next cycle).</param>
/// <param name="IsLast">No more pages in this cycle; the next cycle starts after <paramref name="Next"/>.</param>
public sealed record FeedPage(
    IReadOnlyList<CoverageReceived> Items,
    IReadOnlyList<RejectedItem> Rejected,
    string? Next,
    bool IsLast)
{
    /// <summary>
    /// Why the page as a whole was refused (an HTML login wall, a captcha, a cut-off, oversized or failed answer),
    /// or null when it was read. A refused page is kept in quarantine like an item; see <see cref="RefusedPage"/>.
    /// </summary>
    public string? Refused { get; init; }
}

/// <summary>An item a feed could not read.</summary>
/// <param name="PlatformId">Its id at the source, when that much could be read.</param>
/// <param name="Reason">The field that was wrong and why.</param>
/// <param name="Raw">The item as the source sent it.</param>
public sealed record RejectedItem(string? PlatformId, string Reason, string Raw);
