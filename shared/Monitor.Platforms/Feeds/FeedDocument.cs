namespace Monitor.Platforms;

/// <summary>A parsed RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 feed.</summary>
/// <param name="Format">"rss2", "rss1" or "atom".</param>
public sealed record FeedDocument(string Format, string? Title, Uri? Link, IReadOnlyList<FeedItem> Items);

/// <summary>One entry of a feed, with links already resolved and the summary reduced to plain text.</summary>
/// <param name="Id">guid (RSS 2.0), rdf:about (RSS 1.0) or id (Atom), when given.</param>
/// <param name="Link">The item's page, resolved against xml:base and the feed's address; null when absent or unusable.</param>
/// <param name="Published">In UTC; null when the feed gives no date or one that cannot be read (the feed service decides what to do).</param>
/// <param name="DateText">The date as the feed wrote it, for the cases <see cref="Published"/> is null.</param>
/// <param name="Summary">description / summary / content with HTML removed and entities decoded.</param>
public sealed record FeedItem(
    string? Id, string? Title, Uri? Link, DateTimeOffset? Published, string? DateText, string Summary, string? Author);
