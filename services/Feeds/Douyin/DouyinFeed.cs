using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Search;
using Monitor.Platforms;

namespace Monitor.Feeds.Douyin;

/// <summary>
/// Searches Douyin videos for each keyword (<c>aweme/v1/web/search/item/?keyword=...&amp;offset=N&amp;count=20</c>).
/// Pages by offset: the page's <c>cursor</c> is the next offset, <c>has_more</c> says whether there is one.
/// </summary>
public sealed class DouyinFeed(FeedHttpClient http, FeedSettings settings) : KeywordSearchFeed(http, settings)
{
    private const int PageSize = 20;
    private readonly DouyinReader _reader = new();

    public override string Platform => Monitor.Contracts.PlatformNames.Douyin;

    protected override string FirstPage => "0";

    protected override Uri SearchUri(string keyword, string page) =>
        new(BaseUrl, $"aweme/v1/web/search/item/?keyword={Uri.EscapeDataString(keyword)}&offset={page}&count={PageSize}");

    /// <summary><c>aweme/v1/web/aweme/detail/?aweme_id=...</c> answers <c>{"status_code":0,"aweme_detail":{ aweme }}</c>.</summary>
    protected override Uri ItemUri(string id) => new(BaseUrl, $"aweme/v1/web/aweme/detail/?aweme_id={Uri.EscapeDataString(id)}");

    protected override SearchPage ReadItem(JsonElement response, FeedContext context)
    {
        if (!response.TryGetProperty("aweme_detail", out var aweme) || aweme.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("Douyin item: 'aweme_detail' is missing");
        var read = _reader.Read(aweme, context.Feed, context.ObservedAt);
        return read.Item is { } item
            ? new SearchPage([item], [], null)
            : new SearchPage([], [new RejectedItem(null, read.Error!, UnicodeText.RawJson(aweme))], null);
    }

    protected override Task<SearchPage> ReadPageAsync(JsonElement page, string pageToken, FeedContext context, CancellationToken cancellationToken)
    {
        var result = _reader.ReadSearchPage(page, context.Feed, context.ObservedAt);
        var hasMore = page.TryGetProperty("has_more", out var more) && more.ValueKind switch
        {
            JsonValueKind.Number => more.GetRawText() != "0",
            JsonValueKind.True => true,
            _ => false,
        };
        string? next = null;
        if (hasMore && page.TryGetProperty("cursor", out var cursor) && cursor.ValueKind == JsonValueKind.Number && cursor.GetRawText() != pageToken)
            next = cursor.GetRawText();
        return Task.FromResult(new SearchPage(result.Items, result.Skipped.Select(s => new RejectedItem(s.PlatformId, s.Reason, s.RawJson)).ToArray(), next));
    }
}
