using System.Globalization;
using System.Text.Json;

namespace Monitor.Platforms;

/// <summary>
/// Reads engagement and follower counts in the forms the platforms write them: 1234, "1234", "1,234",
/// "1.2万", "1万+", "3.2万", "1亿", "10w+", "1.5k". A trailing "+" marks a lower bound; the bound is returned.
/// </summary>
public static class PlatformCount
{
    private static readonly (string Suffix, decimal Factor)[] Units =
    [
        ("亿", 100_000_000m), ("万", 10_000m), ("w", 10_000m), ("千", 1_000m), ("k", 1_000m), ("m", 1_000_000m),
    ];

    // Some exports show the action's label instead of a number when the count is zero.
    private static readonly HashSet<string> ZeroLabels = ["赞", "评论", "转发", "分享", "收藏", "点赞"];

    /// <summary>A JSON number or count text; null, absent or empty means "not given".</summary>
    /// <exception cref="FormatException">The value is not a count; the message quotes it.</exception>
    public static long? Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => NonNegative(whole, value.GetRawText()),
        JsonValueKind.Number => NonNegative((long)Math.Round(value.GetDouble()), value.GetRawText()),
        JsonValueKind.String => Parse(value.GetString()),
        _ => throw new FormatException($"expected a number or count text, got {DescribeKind(value)} {Shorten(value.GetRawText())}"),
    };

    /// <summary>Count text; null or blank means "not given".</summary>
    /// <exception cref="FormatException">The text is not a count; the message quotes it.</exception>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (ZeroLabels.Contains(s)) return 0;
        s = s.Replace(",", "").Replace("，", "").Replace(" ", "");
        if (s.EndsWith('+')) s = s[..^1];
        var factor = 1m;
        foreach (var (suffix, unitFactor) in Units)
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = unitFactor;
                s = s[..^suffix.Length];
                break;
            }
        }
        if (s.Length == 0 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"'{Shorten(text)}' is not a platform count (expected forms like 1234, \"1.2万\", \"10w+\", \"1.5k\")");
        if (factor == 1m && number != decimal.Truncate(number))
            throw new FormatException($"'{Shorten(text)}' is not a platform count: a count without a unit must be whole");
        return (long)decimal.Round(number * factor, MidpointRounding.AwayFromZero);
    }

    private static long NonNegative(long value, string raw) =>
        value >= 0 ? value : throw new FormatException($"'{raw}' is not a platform count: counts are never negative");

    internal static string DescribeKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        _ => value.ValueKind.ToString(),
    };

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
