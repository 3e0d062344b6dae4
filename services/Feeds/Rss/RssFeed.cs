using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Platforms;

namespace Monitor.Feeds.Rss;

/// <summary>
/// Reads the RSS 2.0, RSS 1.0 and Atom 1.0 documents at MONITOR_FEED_URLS, one document per page, with
/// conditional GET (If-None-Match / If-Modified-Since; a 304 is an empty page). An item without a
/// date is published with the time the feed first saw it. A document that is not a readable feed is
/// quarantined with the parser's reason and the feed moves on to the next URL.
/// </summary>
public sealed class RssFeed(FeedHttpClient http, FeedSettings settings) : IFeedSource
{
    private readonly FeedItemReader _reader = new();

    public string Platform => Monitor.Contracts.PlatformNames.News;

    public string Describe() => string.Join(", ", settings.Urls);

    public async Task<FeedPage> FetchPageAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        if (settings.Urls.Count == 0)
            throw new FeedNotConfiguredException(FeedSettings.UrlsVariable, "the RSS / Atom feed URLs to read, comma-separated");

        var at = RssCursor.Parse(cursor, settings.Urls.Count);
        var url = settings.Urls[at.Next];
        var validators = at.Validators.GetValueOrDefault(url.AbsoluteUri);
        var nextIndex = (at.Next + 1) % settings.Urls.Count;
        FeedResponse response;
        try
        {
            response = await http.GetAsync(url, request =>
            {
                if (validators?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (validators?.LastModified is { } modified) request.Headers.IfModifiedSince = modified;
            }, cancellationToken);
        }
        catch (FeedResponseTooLargeException e)
        {
            // Like an unreadable document: quarantined with the reason, and the next URL is read.
            return RefusedPage.Of(url.AbsoluteUri, $"feed document {url}: {e.Message}", [],
                new RssCursor(nextIndex, at.Validators).ToString(), nextIndex == 0);
        }

        var remembered = new Dictionary<string, RssValidators>(at.Validators);
        if (!response.NotModified && (response.ETag is not null || response.LastModified is not null))
            remembered[url.AbsoluteUri] = new RssValidators(response.ETag, response.LastModified);
        var next = new RssCursor(nextIndex, remembered).ToString();
        var last = nextIndex == 0;

        if (response.NotModified) return new FeedPage([], [], next, last);
        try
        {
            var document = FeedDocumentReader.Read(new MemoryStream(response.Body), url, response.Charset);
            var page = _reader.ReadDocument(document, context.Feed, context.ObservedAt, publishedWhenMissing: context.ObservedAt);
            return new FeedPage(page.Items, page.Skipped.Select(s => new RejectedItem(s.PlatformId, s.Reason, s.RawJson)).ToArray(), next, last);
        }
        catch (FeedFormatException e)
        {
            // Forget the validators: a broken document must be fetched again once it is fixed.
            remembered.Remove(url.AbsoluteUri);
            return RefusedPage.Of(url.AbsoluteUri, $"feed document {url}: {e.Message}", response.Body,
                new RssCursor(nextIndex, remembered).ToString(), last);
        }
    }
}
