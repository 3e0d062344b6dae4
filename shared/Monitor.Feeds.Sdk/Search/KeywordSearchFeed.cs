using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Platforms;

namespace Monitor.Feeds.Sdk.Search;

/// <summary>
/// A feed that searches a platform's API for each keyword, page by page, newest first. Each cycle
/// walks every keyword from its first page (so re-seen items carry fresh engagement counts, which
/// ingestion records as CoverageMetricsUpdated) down to MONITOR_FEED_MAX_PAGES pages or the last page.
/// After the keywords, the single items named in MONITOR_FEED_ITEMS are fetched one by one on a
/// page of their own, so a post worth watching gets fresh counts every cycle.
/// A search page that holds no results (see <see cref="SearchPageRefusal"/>) is refused and the next keyword read.
/// A platform fills in where its search and its items live and how they read.
/// </summary>
public abstract class KeywordSearchFeed(FeedHttpClient http, FeedSettings settings) : IFeedSource
{
    protected FeedHttpClient Http { get; } = http;

    protected FeedSettings Settings { get; } = settings;

    public abstract string Platform { get; }

    /// <summary>The page token of a keyword's first page ("1" for page numbers, "0" for offsets).</summary>
    protected virtual string FirstPage => "1";

    protected Uri BaseUrl => Settings.BaseUrl
        ?? throw new FeedNotConfiguredException(FeedSettings.BaseUrlVariable, $"the base URL of the {Platform} API to search");

    public string Describe() => $"{Settings.BaseUrl?.ToString() ?? "(no base URL)"} for {string.Join(", ", Settings.Keywords)}";

    /// <summary>The search request for one page of one keyword.</summary>
    protected abstract Uri SearchUri(string keyword, string page);

    /// <summary>Reads a search page; <see cref="SearchPage.NextPage"/> is null when the platform says there is no more.</summary>
    protected abstract Task<SearchPage> ReadPageAsync(JsonElement page, string pageToken, FeedContext context, CancellationToken cancellationToken);

    /// <summary>The request for one item by its id.</summary>
    protected abstract Uri ItemUri(string id);

    /// <summary>Reads the answer to <see cref="ItemUri"/>.</summary>
    protected abstract SearchPage ReadItem(JsonElement response, FeedContext context);

    /// <summary>The keywords' pages, then one page for the watched items.</summary>
    private int Phases => Settings.Keywords.Count + (Settings.Items.Count > 0 ? 1 : 0);

    public async Task<FeedPage> FetchPageAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        if (Phases == 0)
            throw new FeedNotConfiguredException(FeedSettings.KeywordsVariable,
                $"the keywords to search {Platform} for, comma-separated; or {FeedSettings.ItemsVariable}, the items to watch");

        var at = KeywordCursor.Parse(cursor, Phases, FirstPage);
        if (at.Keyword == Settings.Keywords.Count) return await FetchItemsAsync(context, cancellationToken);
        var uri = SearchUri(Settings.Keywords[at.Keyword], at.Page);
        FeedResponse? response = null;
        SearchPage page;
        try
        {
            response = await Http.GetAsync(uri, null, cancellationToken);
            using var document = JsonDocument.Parse(response.Body);
            page = await ReadPageAsync(document.RootElement, at.Page, context, cancellationToken);
        }
        catch (Exception e) when (SearchPageRefusal.Reason(uri, response?.Body, e) is { } reason)
        {
            // The keyword's other pages would answer the same; the next keyword is read, and the next cycle asks again.
            var after = at.NextKeyword(Phases, FirstPage);
            return RefusedPage.Of(uri.AbsoluteUri, reason, response?.Body ?? [], after?.ToString(), isLast: after is null);
        }

        var keywordDone = page.NextPage is null || page.Items.Count + page.Rejected.Count == 0 || at.Depth >= Settings.MaxPages;
        var next = keywordDone ? at.NextKeyword(Phases, FirstPage) : at.NextPage(page.NextPage!);
        return new FeedPage(page.Items, page.Rejected, next?.ToString(), IsLast: next is null);
    }

    private async Task<FeedPage> FetchItemsAsync(FeedContext context, CancellationToken cancellationToken)
    {
        var items = new List<CoverageReceived>();
        var rejected = new List<RejectedItem>();
        foreach (var id in Settings.Items)
        {
            var response = await Http.GetAsync(ItemUri(id), null, cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                var read = ReadItem(document.RootElement, context);
                items.AddRange(read.Items);
                rejected.AddRange(read.Rejected);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // Whatever one watched item's answer holds, the other items of the page still go through.
                var reason = e is JsonException or InvalidDataException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                rejected.Add(new RejectedItem(id, $"item {id}: {UnicodeText.Shorten(reason, 300)}", UnicodeText.Lenient(response.Body)));
            }
        }
        return new FeedPage(items, rejected, Next: null, IsLast: true);
    }

    protected static IReadOnlyList<RejectedItem> Rejected<T>(IEnumerable<T> skipped, Func<T, RejectedItem> convert) =>
        skipped.Select(convert).ToArray();
}

/// <summary>One search page, read.</summary>
/// <param name="NextPage">The token of the following page, or null when there is none.</param>
public sealed record SearchPage(IReadOnlyList<CoverageReceived> Items, IReadOnlyList<RejectedItem> Rejected, string? NextPage);
