namespace Monitor.Feeds.Sdk;

/// <summary>
/// What the SDK needs from a feed: the page that follows a cursor, with its items already mapped.
/// Derive from <see cref="FeedSource{TItem}"/> rather than implementing this directly: it maps item
/// by item and turns a bad item into a quarantined one instead of failing the page.
/// </summary>
public interface IFeedSource
{
    /// <summary>The platform the feed reads (one of Monitor.Contracts.PlatformNames).</summary>
    string Platform { get; }

    /// <summary>What the feed reads, for its registration: a base URL, feed URLs, a corpus path.</summary>
    string Describe();

    /// <summary>Fetches the page after <paramref name="cursor"/> (null: from the beginning).</summary>
    Task<FeedPage> FetchPageAsync(string? cursor, FeedContext context, CancellationToken cancellationToken);
}
