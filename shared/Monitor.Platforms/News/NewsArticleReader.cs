using System.Globalization;
using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>
/// Reads news articles in the corpus' JSON form (<c>url, title, outlet, author, published, language, body</c>)
/// into <see cref="CoverageReceived"/> with platform "news" and the URL as the platform id.
/// </summary>
public sealed class NewsArticleReader
{
    private const string Platform = Monitor.Contracts.PlatformNames.News;

    public ReadResult<CoverageReceived> Read(JsonElement article, string feed, DateTimeOffset observedAt) =>
        ItemReading.Guard(Platform, () => ReadArticle(article, feed, observedAt));

    /// <summary>Reads JSON Lines, one article per line; blank lines are passed over, a line that is not JSON is skipped with its line number.</summary>
    public PageResult ReadLines(TextReader lines, string feed, DateTimeOffset observedAt)
    {
        var items = new List<CoverageReceived>();
        var skipped = new List<SkippedItem>();
        var number = 0;
        while (lines.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                skipped.Add(new SkippedItem(Platform, null, $"news: line {number}: not JSON ({e.Message})", line));
                continue;
            }
            using (document)
            {
                var result = Read(document.RootElement, feed, observedAt);
                if (result.Item is null)
                    skipped.Add(new SkippedItem(Platform, UrlOrNull(document.RootElement), $"line {number}: {result.Error}", line));
                else
                    items.Add(result.Item);
            }
        }
        return new PageResult(items, skipped);
    }

    private static CoverageReceived ReadArticle(JsonElement article, string feed, DateTimeOffset observedAt)
    {
        if (article.ValueKind != JsonValueKind.Object)
            throw new InvalidItemException("article", $"expected an object, got {PlatformCount.DescribeKind(article)}");
        var url = JsonFields.RequiredString(article, "url", "url").Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidItemException("url", $"'{PlatformCount.Shorten(url)}' is not an absolute http(s) URL");
        var published = JsonFields.RequiredString(article, "published", "published");
        if (!DateTimeOffset.TryParseExact(published, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var publishedAt))
            throw new InvalidItemException("published", $"'{PlatformCount.Shorten(published)}' is not an ISO 8601 time with an offset");
        var outlet = JsonFields.OptionalString(article, "outlet", "outlet") is { Length: > 0 } name ? name : uri.Host;
        var title = JsonFields.OptionalString(article, "title", "title");
        var body = JsonFields.OptionalString(article, "body", "body") ?? "";
        if (JsonFields.Get(article, "body").ValueKind == JsonValueKind.Number)
            throw new InvalidItemException("body", "expected a string, got a number");
        return new CoverageReceived(
            Platform, url, url, string.IsNullOrWhiteSpace(title) ? null : title, body,
            new Author(uri.Host.ToLowerInvariant(), outlet), publishedAt.ToUniversalTime(), Engagement.None,
            [], Region: null, feed, observedAt);
    }

    private static string? UrlOrNull(JsonElement article)
    {
        try
        {
            return JsonFields.OptionalString(article, "url", "url");
        }
        catch (InvalidItemException)
        {
            return null;
        }
    }
}
