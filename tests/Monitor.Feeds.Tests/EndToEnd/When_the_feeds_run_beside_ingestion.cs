using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Feeds.Tests.Support;
using Monitor.Platforms;
using Monitor.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Monitor.Feeds.Tests.EndToEnd;

/// <summary>
/// Every feed as its own process beside ingestion, on a fresh schema and vhost, reading recorded
/// shapes from a local server: every item read ends as exactly one CoverageIngested, bad items are
/// quarantined, and re-polled posts with new counts become CoverageMetricsUpdated, not duplicates.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class When_the_feeds_run_beside_ingestion(ITestOutputHelper output) : IAsyncLifetime
{
    private const string WeiboP1 = "weibo/search-20240719-courage-speech-p1.json";
    private const string WeiboMalformed = "malformed/weibo/search-malformed.json";
    private const string DouyinPage = "douyin/search-20240425-zgc-forum.json";
    private const string XiaohongshuPage = "xiaohongshu/search-20240425-zgc-forum.json";
    private const string RssPage = "news/rss/rss2-tech-daily.xml";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly PostgresSchema _schema = new();
    private readonly RabbitMqVhost _vhost = new();
    private readonly List<ServiceProcess> _processes = [];
    private readonly string _replayExport = Path.Combine(Path.GetTempPath(), $"replay-e2e-{Guid.NewGuid():N}.jsonl");
    private volatile bool _countsMoved;

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        await _vhost.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            output.WriteLine(process.Output);
            await process.DisposeAsync();
        }
        await _vhost.DisposeAsync();
        await _schema.DisposeAsync();
        File.Delete(_replayExport);
    }

    [Fact]
    public async Task Should_ingest_every_item_once_quarantine_bad_ones_and_update_counts_on_re_poll()
    {
        var replayItems = Enumerable.Range(1, 3).Select(i => new CoverageReceived(
            Contracts.PlatformNames.News, $"https://replay.example.com/su7/{i}", $"https://replay.example.com/su7/{i}", $"Replay {i}",
            $"SU7 recorded story {i}", new Author("replay.example.com", "Replay Daily"),
            new DateTimeOffset(2024, 3, 28, 12, i, 0, TimeSpan.Zero), Engagement.None, [], null, "export", DateTimeOffset.UtcNow)).ToList();
        await File.WriteAllLinesAsync(_replayExport, replayItems.Select(i => JsonSerializer.Serialize(i, new JsonSerializerOptions(JsonSerializerDefaults.Web))));

        await using var source = await LocalSourceServer.StartAsync(Routes);
        var expected = ExpectedItems(source).Concat(replayItems).Select(Identity).ToHashSet();

        await StartAsync("ingestion", "services/Ingestion", "Monitor.Ingestion", []);
        var keywords = new Dictionary<string, string> { ["MONITOR_FEED_KEYWORDS"] = "小米SU7", ["MONITOR_FEED_INTERVAL"] = "2s", ["MONITOR_FEED_REQUEST_SPACING"] = "0" };
        await Task.WhenAll(
            StartAsync("weibo", "services/Feeds/Weibo", "Monitor.Feeds.Weibo", new(keywords) { ["MONITOR_FEED_BASE_URL"] = source.BaseUri.ToString() }),
            StartAsync("douyin", "services/Feeds/Douyin", "Monitor.Feeds.Douyin", new(keywords) { ["MONITOR_FEED_BASE_URL"] = source.BaseUri.ToString() }),
            StartAsync("xiaohongshu", "services/Feeds/Xiaohongshu", "Monitor.Feeds.Xiaohongshu", new(keywords) { ["MONITOR_FEED_BASE_URL"] = source.BaseUri.ToString() }),
            StartAsync("rss", "services/Feeds/Rss", "Monitor.Feeds.Rss", new(keywords) { ["MONITOR_FEED_URLS"] = source.Url("tech.xml").ToString() }),
            StartAsync("replay", "services/Feeds/Replay", "Monitor.Feeds.Replay",
                new(keywords) { ["MONITOR_REPLAY_SOURCE"] = _replayExport, ["MONITOR_REPLAY_SPEED"] = "600" }));

        var allIngested = await Eventually.HoldsAsync(async () =>
            expected.IsSubsetOf((await EventQueries.PerStreamAsync(_schema, "coverage-ingested")).Keys), Patience);
        Assert.True(allIngested, $"not every item was ingested within {Patience}");

        // The counts on Weibo move; the next poll must update, not duplicate.
        _countsMoved = true;
        var weiboFirstPage = ReadWeibo(WeiboP1, moved: false).Items.Select(Identity).ToHashSet();
        var updated = await Eventually.HoldsAsync(async () =>
            weiboFirstPage.IsSubsetOf((await EventQueries.PerStreamAsync(_schema, "coverage-metrics-updated")).Keys), Patience);
        Assert.True(updated, "re-polled Weibo posts with new counts were not updated");

        var ingested = await EventQueries.PerStreamAsync(_schema, "coverage-ingested");
        Assert.Equal(expected.Count, ingested.Count);
        Assert.All(ingested, stream => Assert.Equal(1, stream.Value));
        Assert.Contains(FeedEventTypes.FeedItemQuarantined, await EventQueries.StreamTypesAsync(_schema, FeedStreams.Quarantine("weibo")));
        foreach (var feed in new[] { "weibo", "douyin", "xiaohongshu", "rss", "replay" })
        {
            var types = await EventQueries.StreamTypesAsync(_schema, FeedStreams.Feed(feed));
            Assert.Equal(FeedEventTypes.FeedRegistered, types.FirstOrDefault());
            Assert.Contains(FeedEventTypes.FeedHeartbeat, types);
            Assert.Contains(FeedEventTypes.FeedCursorAdvanced, types);
        }

        // Graceful shutdown: SIGTERM ends a feed cleanly, within its page grace.
        var weibo = _processes.Single(p => p.Name == "weibo");
        Assert.Equal(0, await weibo.StopGracefullyAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Feed weibo stopped", weibo.Output);
    }

    private void Routes(WebApplication app)
    {
        const string emptyWeibo = """{"ok":1,"data":{"cards":[]}}""";
        app.MapGet("/api/container/getIndex", (int page) => Results.Text(page switch
        {
            1 => _countsMoved ? MovedWeibo() : Samples.Text(WeiboP1),
            2 => Samples.Text(WeiboMalformed),
            _ => emptyWeibo,
        }, "application/json"));
        app.MapGet("/statuses/longtext", () => Results.NotFound());
        app.MapGet("/aweme/v1/web/search/item/", () => Results.Text(Samples.Text(DouyinPage), "application/json"));
        app.MapGet("/api/sns/web/v1/search/notes", () => Results.Text(Samples.Text(XiaohongshuPage), "application/json"));
        app.MapGet("/tech.xml", () => Results.Bytes(File.ReadAllBytes(Samples.Path(RssPage)), "application/rss+xml; charset=utf-8"));
    }

    private static string MovedWeibo() => Samples.Edited(WeiboP1, node => AddLikes(node["data"]!["cards"]!.AsArray()));

    private static void AddLikes(JsonArray cards)
    {
        foreach (var card in cards)
        {
            if (card?["mblog"] is { } mblog) mblog["attitudes_count"] = "9.9亿";
            if (card?["card_group"] is JsonArray group) AddLikes(group);
        }
    }

    private static IEnumerable<CoverageReceived> ExpectedItems(LocalSourceServer source)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var item in ReadWeibo(WeiboP1, false).Items.Concat(ReadWeibo(WeiboMalformed, false).Items)) yield return item;
        using (var douyin = JsonDocument.Parse(Samples.Text(DouyinPage)))
            foreach (var item in new DouyinReader().ReadSearchPage(douyin.RootElement, "douyin", now).Items) yield return item;
        using (var note = JsonDocument.Parse(Samples.Text(XiaohongshuPage)))
            foreach (var item in new XiaohongshuReader().ReadSearchPage(note.RootElement, "xiaohongshu", now).Items) yield return item;
        using var rss = File.OpenRead(Samples.Path(RssPage));
        var document = FeedDocumentReader.Read(rss, source.Url("tech.xml"), null);
        foreach (var item in new FeedItemReader().ReadDocument(document, "rss", now, now).Items) yield return item;
    }

    private static PageResult ReadWeibo(string relative, bool moved)
    {
        using var doc = JsonDocument.Parse(moved ? MovedWeibo() : Samples.Text(relative));
        return new WeiboReader().ReadSearchPage(doc.RootElement, "weibo", DateTimeOffset.UtcNow);
    }

    private static Guid Identity(CoverageReceived item) => CoverageIdentity.For(item.Platform, item.PlatformId, item.Url);

    private async Task StartAsync(string name, string folder, string assembly, Dictionary<string, string> settings)
    {
        var port = Repo.FreePort();
        var environment = ServiceEnvironment.For(_schema, _vhost, port);
        foreach (var (key, value) in settings) environment[key] = value;
        var process = ServiceProcess.StartService(name, Repo.ServiceDll(folder, assembly), environment);
        lock (_processes) _processes.Add(process);
        await process.WaitReadyAsync(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(90));
    }
}
