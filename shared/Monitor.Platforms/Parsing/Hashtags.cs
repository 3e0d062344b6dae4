using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>Finds hashtags in the forms each platform writes them inline.</summary>
internal static partial class Hashtags
{
    /// <summary>Weibo: "#话题#" (a topic may hold spaces, never a line break).</summary>
    public static IEnumerable<string> FromWeiboText(string text) =>
        WeiboTopic().Matches(text).Select(m => m.Groups["tag"].Value);

    /// <summary>Douyin: "#tag" up to the next space or '#'.</summary>
    public static IEnumerable<string> FromDouyinText(string text) =>
        DouyinTag().Matches(text).Select(m => m.Groups["tag"].Value);

    /// <summary>Xiaohongshu: "#话题[话题]#".</summary>
    public static IEnumerable<string> FromXiaohongshuText(string text) =>
        XiaohongshuTopic().Matches(text).Select(m => m.Groups["tag"].Value);

    /// <summary>Trimmed, without empty ones, first spelling kept, case-insensitive duplicates dropped.</summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim().Trim('#').Trim())
            .Where(t => t.Length > 0)
            .DistinctBy(t => t.ToLowerInvariant())
            .ToList();

    [GeneratedRegex(@"#(?<tag>[^#\r\n]{1,64}?)#")]
    private static partial Regex WeiboTopic();

    [GeneratedRegex(@"#(?<tag>[^\s#]{1,64})")]
    private static partial Regex DouyinTag();

    [GeneratedRegex(@"#(?<tag>[^#\[\]\r\n]{1,64})\[话题\]#")]
    private static partial Regex XiaohongshuTopic();
}
