using Monitor.Contracts;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>Small, valid coverage items made up for tests that do not need the sample corpus.</summary>
public static class SampleCoverage
{
    private static readonly DateTimeOffset Published = new(2024, 3, 28, 14, 0, 0, TimeSpan.Zero);

    public static CoverageReceived Item(string platformId, long likes = 10, string platform = Contracts.PlatformNames.Weibo, string feed = "test") => new(
        platform,
        platformId,
        $"https://weibo.com/1000/{platformId}",
        null,
        $"小米SU7 上市发布会 {platformId}，21.59万起，雷军说这是梦想的开始。",
        new Author("1000", "测试用户", 1200, false),
        Published,
        new Engagement(likes, 2, 1),
        ["小米SU7"],
        "北京",
        feed,
        Published.AddHours(1));

    public static IReadOnlyList<CoverageReceived> Items(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => Item($"{prefix}{i:D4}")).ToArray();
}
