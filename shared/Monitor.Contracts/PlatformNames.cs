namespace Monitor.Contracts;

/// <summary>The sources Monitor reads. Values are the lower-case names used on the wire.</summary>
public static class PlatformNames
{
    public const string Weibo = "weibo";
    public const string Douyin = "douyin";
    public const string Xiaohongshu = "xiaohongshu";
    public const string News = "news";

    public static readonly IReadOnlyList<string> All = [Weibo, Douyin, Xiaohongshu, News];

    public static bool IsKnown(string? platform) => platform is not null && All.Contains(platform);
}
