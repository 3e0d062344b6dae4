using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Bench.Api;

/// <summary>
/// Coverage streams shaped like the SU7 sample's (Chinese and English texts, four platforms, a few
/// hundred authors, entities and competitors), spread over 30 days. Deterministic for a given seed.
/// </summary>
public static class BenchCorpus
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Openings = ["小米SU7", "SU7 Max", "雷军", "小米汽车", "特斯拉Model 3", "比亚迪汉", "Xiaomi SU7", "Tesla Model 3"];
    private static readonly string[] Middles = ["续航表现", "交付速度", "刹车问题", "颜值", "智能驾驶", "价格", "battery range", "delivery times", "build quality", "订单"];
    private static readonly string[] Endings = ["太好了", "有点失望", "还可以吧", "值得期待", "is impressive", "disappoints owners", "needs work", "超出预期"];
    private static readonly (string Id, string Name, string Type)[] Entities =
        [("xiaomi-su7", "Xiaomi SU7", "product"), ("xiaomi", "Xiaomi", "brand"), ("tesla", "Tesla", "competitor"), ("byd", "BYD", "competitor"), ("lei-jun", "雷军", "person")];
    private static readonly string[] Labels = [SentimentLabels.Positive, SentimentLabels.Neutral, SentimentLabels.Negative];

    public static IEnumerable<StreamAppend> Streams(int count, int seed = 7)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var platform = PlatformNames.All[random.Next(PlatformNames.All.Count)];
            var id = CoverageIdentity.For(platform, $"bench-{n}", $"https://{platform}.example.com/{n}");
            var published = Start.AddSeconds(random.Next(30 * 24 * 3600));
            var text = $"{Openings[random.Next(Openings.Length)]} {Middles[random.Next(Middles.Length)]} {Endings[random.Next(Endings.Length)]} #{n}";
            var entities = Entities.Where(_ => random.NextDouble() < 0.35).Select(e => new EntityMention(e.Id, e.Name, e.Type, 1)).ToArray();
            var author = random.Next(400);
            var label = Labels[random.Next(Labels.Length)];
            var score = label == SentimentLabels.Positive ? 0.5 : label == SentimentLabels.Negative ? -0.5 : 0;
            var reach = random.Next(100, 100_000);
            yield return new StreamAppend(id, MonitorEventTypes.CoverageStream, ExpectedVersion.NoStream,
            [
                new EventData(CoverageEventIds.Ingested(id), new CoverageIngested(id, platform, $"bench-{n}", $"https://{platform}.example.com/{n}", null, text,
                    new Author($"author-{author}", $"作者{author}", author * 100L), published, new Engagement(Likes: reach / 10), [], null, "bench", published)),
                new EventData(CoverageEventIds.Extracted(id), new ContentExtracted(id, platform, published, "zh", text, entities, [], [], [],
                    [Middles[random.Next(Middles.Length)]], reach, $"cluster-{random.Next(count / 3 + 1)}", 0)),
                new EventData(CoverageEventIds.Scored(id), new SentimentScored(id, platform, published, label, score, 0.8, "bench",
                    [new SentimentPhrase(Endings[0], score)], entities.Select(e => e.Id).ToArray(), reach)),
            ]);
        }
    }
}
