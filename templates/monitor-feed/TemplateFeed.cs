using System.Globalization;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;

namespace Monitor.Feeds.Template;

/// <summary>
/// Reads <c>{MONITOR_FEED_BASE_URL}/items?after={cursor}</c>, which answers
/// <c>{"items":[{"id","url","title","text","author","publishedAt","likes"}],"next":"..."}</c>
/// (no "next": the last page). Replace the request and the mapping with your source's; the SDK does
/// the schedule, the cursor, retries, rate limits, quarantine and health.
/// </summary>
public sealed class TemplateFeed(FeedHttpClient http, FeedSettings settings) : FeedSource<JsonElement>
{
    public override string Platform => PlatformNames.News;

    public override string Describe() => settings.BaseUrl?.ToString() ?? "(no base URL)";

    protected override async Task<SourcePage<JsonElement>> FetchAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        var baseUrl = settings.BaseUrl ?? throw new InvalidOperationException($"{FeedSettings.BaseUrlVariable} is not set.");
        var response = await http.GetAsync(new Uri(baseUrl, $"items?after={Uri.EscapeDataString(cursor ?? "")}"), null, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement;
        var items = root.GetProperty("items").EnumerateArray().Select(item => item.Clone()).ToArray();
        var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new SourcePage<JsonElement>(items, next ?? cursor, IsLast: next is null);
    }

    protected override ItemMapping Map(JsonElement item, FeedContext context)
    {
        var id = Text(item, "id");
        if (id is null) return ItemMapping.Reject(null, "id: missing");
        var url = Text(item, "url");
        if (url is null || !Uri.IsWellFormedUriString(url, UriKind.Absolute)) return ItemMapping.Reject(id, $"url: '{url}' is not an absolute URL");
        if (!DateTimeOffset.TryParse(Text(item, "publishedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published))
            return ItemMapping.Reject(id, $"publishedAt: '{Text(item, "publishedAt")}' is not a date");

        var author = Text(item, "author") ?? new Uri(url).Host;
        long? likes = item.TryGetProperty("likes", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : null;
        return ItemMapping.Ok(new CoverageReceived(
            PlatformNames.News, url, url, Text(item, "title"), Text(item, "text") ?? "",
            new Author(new Uri(url).Host, author), published.ToUniversalTime(), new Engagement(Likes: likes),
            [], null, context.Feed, context.ObservedAt));
    }

    protected override string RawOf(JsonElement item) => item.GetRawText();

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
