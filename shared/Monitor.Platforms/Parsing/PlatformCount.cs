using System.Globalization;
using System.Text.Json;

namespace Monitor.Platforms;

/// <summary>
/// Reads engagement and follower counts in the forms the platforms write them: 1234, "1234", "1,234",
/// "1.2万", "1万+", "3.2万", "1亿", "10w+", "1.5k". A trailing "+" marks a lower bound; the bound is returned.
/// A count beyond <see cref="Largest"/> (no platform has that many users or views), not finite (1e400) or
/// with more digits than a count can have is refused, never rounded or clamped.
/// </summary>
public static class PlatformCount
{
    private static readonly (string Suffix, decimal Factor)[] Units =
    [
        ("亿", 100_000_000m), ("万", 10_000m), ("w", 10_000m), ("千", 1_000m), ("k", 1_000m), ("m", 1_000_000m),
    ];

    /// <summary>The largest count believed: a thousand times the world's population, far above any real count.</summary>
    public const long Largest = 10_000_000_000_000;

    private static readonly string LargestText = Largest.ToString("N0", CultureInfo.InvariantCulture);

    // Some exports show the action's label instead of a number when the count is zero.
    private static readonly HashSet<string> ZeroLabels = ["赞", "评论", "转发", "分享", "收藏", "点赞"];

    /// <summary>A JSON number or count text; null, absent or empty means "not given".</summary>
    /// <exception cref="FormatException">The value is not a count; the message quotes it.</exception>
    public static long? Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => Checked(whole, value.GetRawText()),
        JsonValueKind.Number => FromFraction(value),
        JsonValueKind.String => Parse(TextOf(value)),
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
        if (s.Length is 0 or > 32 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"'{Shorten(text)}' is not a platform count (expected forms like 1234, \"1.2万\", \"10w+\", \"1.5k\")");
        if (factor == 1m && number != decimal.Truncate(number))
            throw new FormatException($"'{Shorten(text)}' is not a platform count: a count without a unit must be whole");
        if (number > Largest / factor)
            throw new FormatException($"'{Shorten(text)}' is not a platform count: more than {LargestText}");
        return (long)decimal.Round(number * factor, MidpointRounding.AwayFromZero);
    }

    private static string TextOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FormatException("not valid text (invalid UTF-8 or a lone surrogate escape)");
        }
    }

    private static long FromFraction(JsonElement value)
    {
        var raw = value.GetRawText();
        // TryGetDouble is false for a number beyond double's range (1e400); a finite one may still be too large.
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
            throw new FormatException($"'{Shorten(raw)}' is not a platform count: not a finite number");
        if (number > Largest)
            throw new FormatException($"'{Shorten(raw)}' is not a platform count: more than {LargestText}");
        return Checked((long)Math.Round(number), raw);
    }

    private static long Checked(long value, string raw) => value switch
    {
        < 0 => throw new FormatException($"'{raw}' is not a platform count: counts are never negative"),
        > Largest => throw new FormatException($"'{Shorten(raw)}' is not a platform count: more than {LargestText}"),
        _ => value,
    };

    internal static string DescribeKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        _ => value.ValueKind.ToString(),
    };

    internal static string Shorten(string text) => UnicodeText.Shorten(text, 40);
}
