using System.Text.Encodings.Web;
using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>Turns the items of an RSS or Atom feed into news coverage (platform "news", the item's link as its id).</summary>
public sealed class FeedItemReader
{
    private const string Platform = Monitor.Contracts.PlatformNames.News;

    // The raw form is for operators to read, so Chinese stays Chinese instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions RawJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="publishedWhenMissing">
    /// What the feed service decides for an item without a readable date (typically the time it first saw it);
    /// null makes such an item an error.
    /// </param>
    public ReadResult<CoverageReceived> Read(
        FeedItem item, FeedDocument document, string feed, DateTimeOffset observedAt, DateTimeOffset? publishedWhenMissing = null)
    {
        if (item.Link is null)
            return ReadResult<CoverageReceived>.Failure("news: link: missing (the item has no usable http(s) link)");
        var publishedAt = item.Published ?? publishedWhenMissing;
        if (publishedAt is null)
            return ReadResult<CoverageReceived>.Failure(item.DateText is null
                ? "news: published: missing (the item has no date)"
                : $"news: published: '{PlatformCount.Shorten(item.DateText)}' is not a date with a known time zone");
        var url = item.Link.AbsoluteUri;
        var host = item.Link.Host.ToLowerInvariant();
        var coverage = new CoverageReceived(
            Platform, url, url, item.Title, item.Summary, new Author(host, document.Title ?? host),
            publishedAt.Value.ToUniversalTime(), Engagement.None, [], Region: null, feed, observedAt);
        return CoverageCheck.Problem(coverage) is { } problem
            ? ReadResult<CoverageReceived>.Failure($"news: {problem}")
            : ReadResult<CoverageReceived>.Success(coverage);
    }

    /// <summary>Reads every item of a document; items that cannot become coverage are skipped with their reason.</summary>
    public PageResult ReadDocument(
        FeedDocument document, string feed, DateTimeOffset observedAt, DateTimeOffset? publishedWhenMissing = null)
    {
        var items = new List<CoverageReceived>();
        var skipped = new List<SkippedItem>(document.Skipped);
        foreach (var item in document.Items)
        {
            var result = Read(item, document, feed, observedAt, publishedWhenMissing);
            if (result.Item is not null) items.Add(result.Item);
            else skipped.Add(new SkippedItem(Platform, item.Link?.AbsoluteUri, result.Error!, JsonSerializer.Serialize(item, RawJsonOptions)));
        }
        return new PageResult(items, skipped);
    }
}
