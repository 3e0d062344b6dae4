using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>Finds hashtags in the forms each platform writes them inline.</summary>
internal static partial class Hashtags
{
    /// <summary>
    /// Weibo: "#话题#" (a topic may hold spaces, never a line break), and "#话题[超话]#", a super-topic (a topic with
    /// its own community page), which is the same topic: the mark is dropped.
    /// </summary>
    public static IEnumerable<string> FromWeiboText(string text) =>
        WeiboTopic().Matches(text).Select(m => WithoutSuperTopicMark(m.Groups["tag"].Value));

    /// <summary>"小米汽车[超话]" and "小米汽车超话" are the topic "小米汽车".</summary>
    public static string WithoutSuperTopicMark(string topic)
    {
        var trimmed = topic.Trim();
        foreach (var mark in SuperTopicMarks)
            if (trimmed.Length > mark.Length && trimmed.EndsWith(mark, StringComparison.Ordinal))
                return trimmed[..^mark.Length].TrimEnd();
        return trimmed;
    }

    private static readonly string[] SuperTopicMarks = ["[超话]", "超话"];

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
