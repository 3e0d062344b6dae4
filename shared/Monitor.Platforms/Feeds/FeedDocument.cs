namespace Monitor.Platforms;

/// <summary>A parsed RSS (0.9x, 2.0), RSS 1.0 / RDF or Atom (0.3, 1.0) feed.</summary>
/// <param name="Format">"rss2" (any RSS with an &lt;rss&gt; or &lt;channel&gt; root), "rss1" (RDF) or "atom".</param>
public sealed record FeedDocument(string Format, string? Title, Uri? Link, IReadOnlyList<FeedItem> Items)
{
    /// <summary>Entries that could not be read at all, each with the reason; the rest of the document is read.</summary>
    public IReadOnlyList<SkippedItem> Skipped { get; init; } = [];
}

/// <summary>One entry of a feed, with links already resolved and the summary reduced to plain text.</summary>
/// <param name="Id">guid (RSS 2.0), rdf:about (RSS 1.0) or id (Atom), when given.</param>
/// <param name="Link">
/// The item's page, resolved against xml:base and the feed's address: the link, else a guid that is a permalink
/// (not <c>isPermaLink="false"</c>) or an Atom id that is an http(s) URL; null when none is usable.
/// </param>
/// <param name="Published">
/// In UTC: the first readable publication date (pubDate, published, issued, dc:date, dcterms:issued, created),
/// else the first readable update date (updated, modified, dcterms:modified); null when there is none
/// (the feed service decides what to do).
/// </param>
/// <param name="DateText">The date as the feed wrote it, for the cases <see cref="Published"/> is null.</param>
/// <param name="Summary">description / summary / content as plain text (see <c>CoverageReceived.Text</c>).</param>
public sealed record FeedItem(
    string? Id, string? Title, Uri? Link, DateTimeOffset? Published, string? DateText, string Summary, string? Author);
