using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Bench.Alerts;

/// <summary>
/// The bench's coverage as POST /api/coverage bodies: background items whose reach stays far below the rule's
/// threshold (small authors, little engagement, no view counts), and probes that tip it (a Weibo account with
/// millions of followers writing an angry post).
/// </summary>
public static class BenchCoverage
{
    public const long ReachThreshold = 1_000_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Sentences =
    [
        "小米SU7 今天正式上市，21.59万起的价格让不少人直呼良心。",
        "试驾了一下午，底盘扎实，加速很猛，但是后排空间有点局促。",
        "雷军在发布会上说这是梦想的开始，现场气氛非常热烈。",
        "续航实测比官方数据少了大概百分之十五，冬天掉电明显。",
        "车机系统流畅，和手机互联很方便，小爱同学反应也快。",
        "颜值真的能打，海湾蓝在阳光下特别好看，路人回头率很高。",
        "门店排队的人太多了，销售说现在下订要等到明年。",
        "充电速度不错，十五分钟补能三百公里，基本够用。",
    ];

    private const string Angry =
        "太失望了，交付拖了三个月还没消息，客服一直推脱不解决问题。刹车失灵差点出事故，太可怕了，质量太差，" +
        "垃圾车，强烈不推荐，再也不买了，必须退款！大家千万别买，坑人！";

    /// <summary>A batch of background items, all new (ids from the run and a counter).</summary>
    public static string Background(string runId, int first, int count)
    {
        var items = new CoverageReceived[count];
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var random = new Random(n);
            var platform = PlatformNames.All[n % PlatformNames.All.Count];
            var now = DateTimeOffset.UtcNow;
            var text = string.Concat(Enumerable.Range(0, 3 + random.Next(6)).Select(_ => Sentences[random.Next(Sentences.Length)]));
            items[i] = new CoverageReceived(platform, $"{runId}-bg-{n:D8}", $"https://{platform}.example.com/bg/{runId}-{n}", null, text,
                new Author($"u{random.Next(1, 5000)}", $"用户{random.Next(1, 5000)}", random.Next(0, 500)),
                now.AddMinutes(-random.Next(1, 600)),
                new Engagement(random.Next(0, 20), random.Next(0, 5), random.Next(0, 5)),
                [], null, "bench", now);
        }
        return JsonSerializer.Serialize(items, Json);
    }

    /// <summary>The platforms probes take in turn, one subscription each.</summary>
    public static readonly string[] ProbePlatforms = [PlatformNames.Weibo, PlatformNames.Douyin, PlatformNames.Xiaohongshu, PlatformNames.News];

    /// <summary>Probe n's publication time: one 15-minute rule window after the previous probe on its platform.</summary>
    public static DateTimeOffset ProbeTime(DateTimeOffset first, int n) => first.AddMinutes(15 * (n / ProbePlatforms.Length));

    /// <summary>
    /// One item that tips the reach rule on every platform (20 million followers: a tenth of them, Douyin's and
    /// Xiaohongshu's share, is still twice the threshold). Each probe is dated one rule window after the one before
    /// on its platform: the rule's cooldown lets one story alert once per window, so probes in one window would be
    /// held back as the same story.
    /// </summary>
    public static (string Body, string Url) Probe(string runId, int n, DateTimeOffset publishedAt)
    {
        var platform = ProbePlatforms[n % ProbePlatforms.Length];
        var url = $"https://{platform}.example.com/probe/{runId}-{n}";
        var item = new CoverageReceived(platform, $"{runId}-probe-{n:D5}", url, null, Angry,
            new Author("probe", "大V车评人", 20_000_000, Verified: true), publishedAt, new Engagement(100, 50, 20), [], null, "bench", publishedAt);
        return (JsonSerializer.Serialize(item, Json), url);
    }
}
