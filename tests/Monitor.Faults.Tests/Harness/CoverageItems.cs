using Monitor.Contracts;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// Valid coverage items made up for a run: distinct ids under a prefix, spread over the four
/// platforms, Chinese, English and mixed text with praise and complaints, emoji and hashtags.
/// </summary>
public static class CoverageItems
{
    private static readonly DateTimeOffset Published = new(2024, 3, 28, 14, 0, 0, TimeSpan.Zero);

    private static readonly string[] Texts =
    [
        "小米SU7 上市发布会，21.59万起，雷军说这是梦想的开始。#小米SU7# 太期待了[哈哈]",
        "试驾了小米SU7，加速很猛，但是车机偶尔卡顿，续航比宣传的短。",
        "Xiaomi SU7 launch: 21.59万 starting price, 800 km range, orders opened tonight 🚗",
        "交付太慢了，等了三个月还没提车，客服也不回复，很失望。",
        "The SU7 handles well, but the software still feels unfinished and service is slow.",
        "雷军 在北京亦庄工厂讲了两个小时，SU7 Max 的智驾表现还可以👍",
    ];

    private static readonly string[] Platforms = [PlatformNames.Weibo, PlatformNames.Douyin, PlatformNames.Xiaohongshu, PlatformNames.News];

    public static CoverageReceived Item(string prefix, int index, string feed = "faults")
    {
        var platform = Platforms[index % Platforms.Length];
        var id = $"{prefix}{index:D6}";
        var url = platform switch
        {
            PlatformNames.Weibo => $"https://weibo.com/1000{index % 50}/{id}",
            PlatformNames.Douyin => $"https://www.douyin.com/video/{id}",
            PlatformNames.Xiaohongshu => $"https://www.xiaohongshu.com/explore/{id}",
            _ => $"https://news.example.com/{prefix}/{index}",
        };
        return new CoverageReceived(
            platform,
            id,
            url,
            platform == PlatformNames.News ? $"小米SU7 报道 {index}" : null,
            $"{Texts[index % Texts.Length]} ({id})",
            new Author($"author-{index % 97}", $"用户{index % 97}", 100 + index % 5_000, index % 11 == 0),
            Published.AddMinutes(index % 10_000),
            new Engagement(index % 1_000, index % 100, index % 30),
            ["小米SU7"],
            index % 3 == 0 ? "北京" : null,
            feed,
            Published.AddDays(8));
    }

    public static IReadOnlyList<CoverageReceived> Items(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => Item(prefix, i)).ToArray();

    public static Guid StreamOf(CoverageReceived item) => CoverageIdentity.For(item.Platform, item.PlatformId, item.Url);
}
