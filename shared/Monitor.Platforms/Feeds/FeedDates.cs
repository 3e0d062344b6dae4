using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>Reads the dates feeds carry: RFC 822/1123 (RSS 2.0) and ISO 8601 / RFC 3339 (RSS 1.0 dc:date, Atom).</summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
    };

    /// <summary>The date in UTC, or null when the text is empty or in no form with a known time zone.</summary>
    /// <remarks>A date without a zone ("2024-07-19 22:40") is not guessed at: the same text means different instants on different sites.</remarks>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = Whitespace().Replace(text.Trim(), " ");

        if (Iso().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            return iso.ToUniversalTime();

        var rfc = Rfc822().Match(s);
        if (!rfc.Success) return null;
        var year = int.Parse(rfc.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 100) year += year < 50 ? 2000 : 1900;
        if (!DateTime.TryParseExact(rfc.Groups["mon"].Value, "MMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return null;
        var time = rfc.Groups["time"].Value.Split(':');
        var zone = rfc.Groups["zone"].Value;
        TimeSpan offset;
        if (zone.Length == 5 && zone[0] is '+' or '-')
            offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone[1..3]), int.Parse(zone[3..5]), 0);
        else if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':')
            offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone[1..3]), int.Parse(zone[4..6]), 0);
        else if (!Zones.TryGetValue(zone, out offset))
            return null;
        try
        {
            return new DateTimeOffset(year, month.Month, int.Parse(rfc.Groups["day"].Value),
                int.Parse(time[0]), int.Parse(time[1]), time.Length > 2 ? int.Parse(time[2]) : 0, offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?:[A-Za-z]{3},? )?(?<day>\d{1,2}) (?<mon>[A-Za-z]{3}) (?<year>\d{2,4}) (?<time>\d{1,2}:\d{2}(?::\d{2})?) (?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,3})$")]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
