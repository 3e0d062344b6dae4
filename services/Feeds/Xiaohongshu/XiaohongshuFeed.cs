using System.Globalization;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Search;
using Monitor.Platforms;

namespace Monitor.Feeds.Xiaohongshu;

/// <summary>
/// Searches Xiaohongshu notes for each keyword, newest first
/// (<c>api/sns/web/v1/search/notes?keyword=...&amp;page=N&amp;page_size=20&amp;sort=time_descending</c>);
/// <c>data.has_more</c> says whether another page follows.
/// </summary>
public sealed class XiaohongshuFeed(FeedHttpClient http, FeedSettings settings) : KeywordSearchFeed(http, settings)
{
    private readonly XiaohongshuReader _reader = new();

    public override string Platform => Monitor.Contracts.PlatformNames.Xiaohongshu;

    protected override Uri SearchUri(string keyword, string page) =>
        new(BaseUrl, $"api/sns/web/v1/search/notes?keyword={Uri.EscapeDataString(keyword)}&page={page}&page_size=20&sort=time_descending");

    /// <summary><c>api/sns/web/v1/feed?source_note_id=...</c> answers in the search page's shape, with the one note.</summary>
    protected override Uri ItemUri(string id) => new(BaseUrl, $"api/sns/web/v1/feed?source_note_id={Uri.EscapeDataString(id)}");

    protected override SearchPage ReadItem(JsonElement response, FeedContext context)
    {
        var result = _reader.ReadSearchPage(response, context.Feed, context.ObservedAt);
        return new SearchPage(result.Items, result.Skipped.Select(s => new RejectedItem(s.PlatformId, s.Reason, s.RawJson)).ToArray(), null);
    }

    protected override Task<SearchPage> ReadPageAsync(JsonElement page, string pageToken, FeedContext context, CancellationToken cancellationToken)
    {
        var result = _reader.ReadSearchPage(page, context.Feed, context.ObservedAt);
        var hasMore = page.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                      && data.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True;
        var next = hasMore ? (int.Parse(pageToken, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new SearchPage(result.Items, result.Skipped.Select(s => new RejectedItem(s.PlatformId, s.Reason, s.RawJson)).ToArray(), next));
    }
}
