using System.Globalization;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Search;
using Monitor.Platforms;

namespace Monitor.Feeds.Weibo;

/// <summary>
/// Searches Weibo for each keyword (<c>api/container/getIndex?containerid=100103type=1&amp;q=...&amp;page=N</c>)
/// and fetches the full text of posts marked <c>isLongText</c> (<c>statuses/longtext?id=...</c>).
/// Weibo's search has no "has more" flag: a keyword ends at an empty page or at MONITOR_FEED_MAX_PAGES.
/// </summary>
public sealed class WeiboFeed(FeedHttpClient http, FeedSettings settings, ILogger<WeiboFeed> logger)
    : KeywordSearchFeed(http, settings)
{
    private readonly WeiboReader _reader = new();

    public override string Platform => Monitor.Contracts.PlatformNames.Weibo;

    protected override Uri SearchUri(string keyword, string page) => new(BaseUrl,
        $"api/container/getIndex?containerid={Uri.EscapeDataString("100103type=1&q=" + keyword)}&page_type=searchall&page={page}");

    /// <summary><c>statuses/show?id=...</c> answers <c>{"ok":1,"data":{ mblog }}</c>.</summary>
    protected override Uri ItemUri(string id) => new(BaseUrl, $"statuses/show?id={Uri.EscapeDataString(id)}");

    protected override SearchPage ReadItem(JsonElement response, FeedContext context)
    {
        if (!response.TryGetProperty("data", out var mblog) || mblog.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("Weibo item: 'data' is missing");
        var read = _reader.Read(mblog, context.Feed, context.ObservedAt);
        return read.Item is { } item
            ? new SearchPage([item], [], null)
            : new SearchPage([], [new RejectedItem(null, read.Error!, UnicodeText.RawJson(mblog))], null);
    }

    protected override async Task<SearchPage> ReadPageAsync(JsonElement page, string pageToken, FeedContext context, CancellationToken cancellationToken)
    {
        var longTexts = await LongTextsAsync(page, cancellationToken);
        var result = _reader.ReadSearchPage(page, context.Feed, context.ObservedAt, id => longTexts.GetValueOrDefault(id));
        var next = (int.Parse(pageToken, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        return new SearchPage(result.Items, result.Skipped.Select(s => new RejectedItem(s.PlatformId, s.Reason, s.RawJson)).ToArray(), next);
    }

    /// <summary>The full HTML of every long post on the page (and of long originals they repost), by id.</summary>
    private async Task<Dictionary<string, string>> LongTextsAsync(JsonElement page, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>();
        foreach (var id in WeiboPage.LongTextIds(page).Distinct())
        {
            try
            {
                var response = await Http.GetAsync(new Uri(BaseUrl, $"statuses/longtext?id={Uri.EscapeDataString(id)}"), null, cancellationToken);
                using var document = JsonDocument.Parse(response.Body);
                if (WeiboReader.LongTextContent(document.RootElement) is { } content) texts[id] = content;
            }
            catch (Exception e) when (e is FeedHttpException or JsonException)
            {
                // The truncated text is still worth publishing; the next cycle asks again.
                logger.LogWarning("Long text of Weibo post {Id} unavailable, keeping the short text: {Reason}", id, e.Message);
            }
        }
        return texts;
    }
}
