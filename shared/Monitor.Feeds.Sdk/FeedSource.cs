using Monitor.Contracts;

namespace Monitor.Feeds.Sdk;

/// <summary>
/// The base of a feed: fetch the raw page after a cursor, and map one raw item. A mapping that
/// fails (returns a rejection or throws anything) sets only that item aside; the rest of the page goes through.
/// </summary>
public abstract class FeedSource<TItem> : IFeedSource
{
    public abstract string Platform { get; }

    public abstract string Describe();

    /// <summary>Fetches the raw items of the page after <paramref name="cursor"/>.</summary>
    protected abstract Task<SourcePage<TItem>> FetchAsync(string? cursor, FeedContext context, CancellationToken cancellationToken);

    /// <summary>Maps one raw item. Return <see cref="ItemMapping.Reject"/> for bad input; throwing does the same.</summary>
    protected abstract ItemMapping Map(TItem item, FeedContext context);

    /// <summary>The item as the source sent it, kept in quarantine when it cannot be read.</summary>
    protected abstract string RawOf(TItem item);

    public async Task<FeedPage> FetchPageAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        var page = await FetchAsync(cursor, context, cancellationToken);
        var items = new List<CoverageReceived>(page.Items.Count);
        var rejected = new List<RejectedItem>(page.Rejected);
        foreach (var raw in page.Items)
        {
            ItemMapping mapping;
            try { mapping = Map(raw, context); }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                mapping = ItemMapping.Reject(null, $"{e.GetType().Name}: {e.Message}");
            }

            if (mapping.Item is { } item) items.Add(item with { Feed = context.Feed });
            else rejected.Add(new RejectedItem(mapping.PlatformId, mapping.Error ?? "rejected without a reason", RawOf(raw)));
        }
        return new FeedPage(items, rejected, page.Next, page.IsLast);
    }
}

/// <summary>A raw page: the source's items, items already refused while parsing the page, and where the next page starts.</summary>
public sealed record SourcePage<TItem>(IReadOnlyList<TItem> Items, string? Next, bool IsLast)
{
    public IReadOnlyList<RejectedItem> Rejected { get; init; } = [];
}

/// <summary>The result of mapping one item: the item, or why it was refused.</summary>
public sealed record ItemMapping(CoverageReceived? Item, string? PlatformId, string? Error)
{
    public static ItemMapping Ok(CoverageReceived item) => new(item, item.PlatformId, null);

    public static ItemMapping Reject(string? platformId, string reason) => new(null, platformId, reason);
}
