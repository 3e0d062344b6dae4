using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;

namespace Monitor.Feeds.Sdk.Search;

/// <summary>
/// A feed that searches a platform's API for each keyword, page by page, newest first. Each cycle
/// walks every keyword from its first page (so re-seen items carry fresh engagement counts, which
/// ingestion records as CoverageMetricsUpdated) down to MONITOR_FEED_MAX_PAGES pages or the last page.
/// A platform fills in where its search lives and how its pages read.
/// </summary>
public abstract class KeywordSearchFeed(FeedHttpClient http, FeedSettings settings) : IFeedSource
{
    protected FeedHttpClient Http { get; } = http;

    protected FeedSettings Settings { get; } = settings;

    public abstract string Platform { get; }

    /// <summary>The page token of a keyword's first page ("1" for page numbers, "0" for offsets).</summary>
    protected virtual string FirstPage => "1";

    protected Uri BaseUrl => Settings.BaseUrl
        ?? throw new InvalidOperationException($"{FeedSettings.BaseUrlVariable} is not set: the {Platform} feed does not know where to search.");

    public string Describe() => $"{Settings.BaseUrl?.ToString() ?? "(no base URL)"} for {string.Join(", ", Settings.Keywords)}";

    /// <summary>The search request for one page of one keyword.</summary>
    protected abstract Uri SearchUri(string keyword, string page);

    /// <summary>Reads a search page; <see cref="SearchPage.NextPage"/> is null when the platform says there is no more.</summary>
    protected abstract Task<SearchPage> ReadPageAsync(JsonElement page, string pageToken, FeedContext context, CancellationToken cancellationToken);

    public async Task<FeedPage> FetchPageAsync(string? cursor, FeedContext context, CancellationToken cancellationToken)
    {
        if (Settings.Keywords.Count == 0)
            throw new InvalidOperationException($"{FeedSettings.KeywordsVariable} is empty: the {Platform} feed has nothing to search for.");

        var at = KeywordCursor.Parse(cursor, Settings.Keywords.Count, FirstPage);
        var uri = SearchUri(Settings.Keywords[at.Keyword], at.Page);
        var response = await Http.GetAsync(uri, null, cancellationToken);
        SearchPage page;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            page = await ReadPageAsync(document.RootElement, at.Page, context, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"GET {uri} did not answer JSON: {e.Message}", e);
        }

        var keywordDone = page.NextPage is null || page.Items.Count + page.Rejected.Count == 0 || at.Depth >= Settings.MaxPages;
        var next = keywordDone ? at.NextKeyword(Settings.Keywords.Count, FirstPage) : at.NextPage(page.NextPage!);
        return new FeedPage(page.Items, page.Rejected, next?.ToString(), IsLast: next is null);
    }

    protected static IReadOnlyList<RejectedItem> Rejected<T>(IEnumerable<T> skipped, Func<T, RejectedItem> convert) =>
        skipped.Select(convert).ToArray();
}

/// <summary>One search page, read.</summary>
/// <param name="NextPage">The token of the following page, or null when there is none.</param>
public sealed record SearchPage(IReadOnlyList<CoverageReceived> Items, IReadOnlyList<RejectedItem> Rejected, string? NextPage);
