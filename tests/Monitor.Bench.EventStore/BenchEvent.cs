namespace Monitor.Bench.EventStore;

/// <summary>About the size of a coverage event: a few identifying fields and some text.</summary>
public sealed record BenchEvent(string Platform, string PlatformId, string Url, string Title, int Likes, DateTimeOffset Published)
{
    public static BenchEvent Sample(long n) => new(
        "weibo", n.ToString(), $"https://weibo.com/1234567890/{n}",
        "小米SU7 发布会现场体验：续航、价格与交付时间 #小米汽车# " + n, (int)(n % 10_000), DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + n));
}
