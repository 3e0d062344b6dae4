using System.Text.RegularExpressions;
using Monitor.Contracts;

namespace Monitor.TextAnalysis;

/// <summary>Hashtags, @mentions and URLs in a normalised text.</summary>
/// <remarks>
/// Weibo writes topics between two marks (<c>#雷军年度演讲#</c>, spaces allowed); Douyin and
/// Xiaohongshu put one mark in front (<c>#小米SU7 </c>), and Xiaohongshu may append "[话题]"
/// (<c>#小米SU7[话题]#</c>). News follows the single-mark form. Results keep their first spelling and
/// drop later repeats that differ only in case.
/// </remarks>
public static partial class SocialMarkers
{
    private const int MaxHashtagLength = 40;

    public static IReadOnlyList<string> Hashtags(string text, string platform)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = platform == PlatformNames.Weibo ? PairedHashtag().Matches(text) : LeadingHashtag().Matches(text);
        var tags = new List<string>(matches.Count);
        foreach (Match match in matches)
        {
            var tag = match.Groups["tag"].Value.Trim();
            if (tag.Length is > 0 and <= MaxHashtagLength) tags.Add(tag);
        }
        return Distinct(tags);
    }

    public static IReadOnlyList<string> Mentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Distinct(Mention().Matches(text).Select(m => m.Groups["name"].Value));
    }

    public static IReadOnlyList<string> Urls(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Distinct(Url().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?', '\'', '"')));
    }

    /// <summary>The values in order, without blanks and without later case-insensitive repeats.</summary>
    internal static IReadOnlyList<string> Distinct(IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var value in values)
            if (!string.IsNullOrWhiteSpace(value) && seen.Add(value)) result.Add(value);
        return result;
    }

    [GeneratedRegex(@"#(?<tag>[^#\n]{1,60}?)(?:\[话题\])?#", RegexOptions.CultureInvariant)]
    private static partial Regex PairedHashtag();

    [GeneratedRegex(@"(?<![A-Za-z0-9/&])#(?<tag>[^\s#@,.!?;:，。！？、；：\[\]【】()（）""'“”]{1,40})", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingHashtag();

    // Not after a Latin letter or digit, so e-mail addresses are not mentions; Chinese may touch the @.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.])@(?<name>[\p{L}\p{N}_\-]{1,30})", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
