using Monitor.Contracts;

namespace Monitor.TextAnalysis.Tests;

/// <summary>Coverage items as ingestion hands them to extraction.</summary>
internal static class Items
{
    private static readonly DateTimeOffset Published = new(2024, 3, 28, 19, 0, 0, TimeSpan.Zero);

    public static CoverageIngested Weibo(string html, long? followers = 1_000, Engagement? engagement = null, IReadOnlyList<string>? hashtags = null) =>
        Item(Contracts.PlatformNames.Weibo, html, null, new Author("1749127163", "小米汽车", followers, Verified: true), engagement, hashtags);

    public static CoverageIngested Douyin(string desc, Engagement? engagement = null, IReadOnlyList<string>? hashtags = null) =>
        Item(Contracts.PlatformNames.Douyin, desc, null, new Author("58913", "车评君", 250_000), engagement, hashtags);

    public static CoverageIngested Xiaohongshu(string title, string desc, Engagement? engagement = null) =>
        Item(Contracts.PlatformNames.Xiaohongshu, desc, title, new Author("5f1e", "爱车的小红", 3_000), engagement, null);

    public static CoverageIngested News(string title, string html) =>
        Item(Contracts.PlatformNames.News, html, title, new Author("autohome.com.cn", "汽车之家"), null, null);

    private static CoverageIngested Item(string platform, string text, string? title, Author author, Engagement? engagement, IReadOnlyList<string>? hashtags)
    {
        var platformId = Guid.NewGuid().ToString("N");
        return new CoverageIngested(
            CoverageIdentity.For(platform, platformId, $"https://example.com/{platformId}"),
            platform, platformId, $"https://example.com/{platformId}", title, text, author, Published,
            engagement ?? Engagement.None, hashtags ?? [], Region: "北京", Feed: "test", IngestedAt: Published.AddMinutes(1));
    }
}
