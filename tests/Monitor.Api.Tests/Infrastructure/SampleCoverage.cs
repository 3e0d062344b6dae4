using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>One coverage item as the pipeline would leave it; <see cref="Label"/> null: not scored yet.</summary>
public sealed record SampleItem(
    string Key, string Platform, string AuthorId, string AuthorName, long Followers, TimeSpan After, string? Title, string Text,
    string Language, string[] Entities, string? Label, double Score, long Reach, string Cluster, string[] Keywords)
{
    public Guid Id => CoverageIdentity.For(Platform, Key, Url);
    public string Url => Platform == PlatformNames.News ? $"https://news.example.com/{Key}" : $"https://{Platform}.example.com/{Key}";
    public DateTimeOffset PublishedAt => SampleCoverage.Start + After;
}

/// <summary>
/// A small corpus in the style of the SU7 sample: four platforms, Chinese and English, competitors, one item
/// not yet scored, one rescored and one whose counts were updated. Scores are multiples of 1/8, so sums are exact.
/// Tests compute what they expect from these items, not from the API.
/// </summary>
public static class SampleCoverage
{
    public static readonly DateTimeOffset Start = new(2024, 3, 28, 10, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, (string Name, string Type)> Gazetteer = new Dictionary<string, (string, string)>
    {
        ["xiaomi-su7"] = ("Xiaomi SU7", "product"),
        ["xiaomi"] = ("Xiaomi", "brand"),
        ["tesla"] = ("Tesla", "competitor"),
        ["byd"] = ("BYD", "competitor"),
        ["lei-jun"] = ("雷军", "person"),
    };

    public static readonly IReadOnlyList<SampleItem> Items =
    [
        new("w1", PlatformNames.Weibo, "u-a", "汽车博主A", 10_000, TimeSpan.FromMinutes(5), null, "小米SU7续航表现很好，实测 700 公里", "zh",
            ["xiaomi-su7", "xiaomi"], SentimentLabels.Positive, 0.75, 5_000, "c1", ["续航"]),
        new("w2", PlatformNames.Weibo, "u-a", "汽车博主A", 10_000, TimeSpan.FromMinutes(20), null, "小米SU7 交付延迟，太失望了", "zh",
            ["xiaomi-su7"], SentimentLabels.Negative, -0.625, 3_000, "c2", ["交付"]),
        new("w3", PlatformNames.Weibo, "u-b", "车评人B", 2_000, TimeSpan.FromMinutes(65), null, "特斯拉Model 3 又降价了", "zh",
            ["tesla"], SentimentLabels.Neutral, 0, 800, "c3", ["降价"]),
        new("d1", PlatformNames.Douyin, "u-c", "抖音车主C", 50_000, TimeSpan.FromMinutes(70), null, "小米SU7 对比 比亚迪汉，谁更值", "zh",
            ["xiaomi-su7", "byd"], SentimentLabels.Positive, 0.5, 20_000, "c4", ["对比"]),
        new("d2", PlatformNames.Douyin, "u-c", "抖音车主C", 50_000, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(10), null, "比亚迪汉 质量问题 又上热搜", "zh",
            ["byd"], SentimentLabels.Negative, -0.875, 15_000, "c5", ["质量"]),
        new("x1", PlatformNames.Xiaohongshu, "u-d", "小红书D", 3_000, TimeSpan.FromMinutes(2), "SU7 提车日记", "SU7 颜值很高，好喜欢 \"海湾蓝\"", "zh",
            ["xiaomi-su7"], SentimentLabels.Positive, 0.875, 1_200, "c1", ["颜值"]),
        new("n1", PlatformNames.News, "news.example.com", "Example News", 0, TimeSpan.FromMinutes(30), "Xiaomi SU7 launch draws crowds, orders top 50,000",
            "Xiaomi's SU7 drew crowds in Beijing; the BATTERY range, says the maker, reaches 800 km, 20% more than rivals.", "en",
            ["xiaomi-su7", "xiaomi"], SentimentLabels.Positive, 0.5, 50_000, "c6", ["launch", "range"]),
        new("n2", PlatformNames.News, "news.example.com", "Example News", 0, TimeSpan.FromHours(27), "Tesla cuts prices in China",
            "Tesla cut prices again, line one\nline two, with a comma", "en", ["tesla"], SentimentLabels.Neutral, 0.125, 40_000, "c7", ["prices"]),
        new("w4", PlatformNames.Weibo, "u-b", "车评人B", 2_000, TimeSpan.FromHours(29), null, "雷军 发布会 太精彩了", "zh",
            ["lei-jun"], SentimentLabels.Positive, 0.625, 9_000, "c8", ["发布会"]),
        new("x2", PlatformNames.Xiaohongshu, "u-d", "小红书D", 3_000, TimeSpan.FromHours(48), null, "SU7 刹车有点问题，有点担心", "zh",
            ["xiaomi-su7"], SentimentLabels.Negative, -0.5, 700, "c9", ["刹车"]),
        new("w5", PlatformNames.Weibo, "u-e", "路人E", 100, TimeSpan.FromMinutes(3), null, "小米SU7 订单 查询", "zh",
            ["xiaomi-su7"], null, 0, 50, "c10", ["订单"]),
    ];

    /// <summary>w2 is rescored by a later model: neutral, 0.125.</summary>
    public const string RescoredKey = "w2";
    public const string RescoredLabel = SentimentLabels.Neutral;
    public const double RescoredScore = 0.125;

    /// <summary>w1's counts are updated, and with them its author's followers.</summary>
    public const string UpdatedKey = "w1";
    public const long UpdatedFollowers = 12_000;

    /// <summary>The items as the read side should show them: after the rescore and the metrics update.</summary>
    public static IReadOnlyList<SampleItem> Effective { get; } = Items.Select(i => i.Key switch
    {
        RescoredKey => i with { Label = RescoredLabel, Score = RescoredScore },
        UpdatedKey => i with { Followers = UpdatedFollowers },
        _ => i,
    }).ToArray();

    public static SampleItem Item(string key) => Items.Single(i => i.Key == key);

    /// <summary>Appends every item's stream as ingestion, extraction and sentiment would, then the rescore and the metrics update.</summary>
    public static async Task AppendAsync(EventStore.EventStore store)
    {
        foreach (var item in Items)
            await store.AppendAsync(item.Id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any, Events(item));

        var rescored = Item(RescoredKey);
        await store.AppendAsync(rescored.Id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
        [
            new EventData(CoverageIdentity.NameBased(rescored.Id, "rescored:v2"), new SentimentRescored(rescored.Id, rescored.Platform, rescored.PublishedAt,
                RescoredLabel, RescoredScore, 0.75, "test-v2", "test-v1", rescored.Label!, [new SentimentPhrase("延迟", -0.25)], rescored.Entities, rescored.Reach)),
        ]);
        var updated = Item(UpdatedKey);
        var metrics = new CoverageMetricsUpdated(updated.Id, updated.Platform,
            new Engagement(Likes: 300, Comments: 40, Shares: 12), UpdatedFollowers, updated.PublishedAt.AddHours(2));
        await store.AppendAsync(updated.Id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
            [new EventData(CoverageEventIds.MetricsUpdated(updated.Id, 3, metrics), metrics)]);
    }

    public static IReadOnlyList<EventData> Events(SampleItem item)
    {
        var publishedLocal = item.PublishedAt.ToOffset(TimeSpan.FromHours(8)); // sources report Beijing time
        var entities = item.Entities.Select(id => new EntityMention(id, Gazetteer[id].Name, Gazetteer[id].Type, 1)).ToArray();
        var events = new List<EventData>
        {
            new(CoverageEventIds.Ingested(item.Id), new CoverageIngested(item.Id, item.Platform, item.Key, item.Url, item.Title, item.Text,
                new Author(item.AuthorId, item.AuthorName, item.Followers), publishedLocal, new Engagement(Likes: 10), [], null, "test-feed", item.PublishedAt.AddMinutes(1))),
            new(CoverageEventIds.Extracted(item.Id), new ContentExtracted(item.Id, item.Platform, publishedLocal, item.Language, item.Text, entities,
                [], [], [], item.Keywords, item.Reach, item.Cluster, 0)),
        };
        if (item.Label is not null)
            events.Add(new EventData(CoverageEventIds.Scored(item.Id), new SentimentScored(item.Id, item.Platform, publishedLocal, item.Label, item.Score, 0.875,
                "test-v1", [new SentimentPhrase(item.Keywords[0], item.Score / 2)], item.Entities, item.Reach)));
        return events;
    }
}
