using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>Reads the platforms' time stamps into UTC.</summary>
public static partial class PlatformTime
{
    /// <summary>Weibo shows relative times ("5分钟前", "昨天 10:01") in China Standard Time.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    // Ten-digit epochs are seconds until the year 5138; anything from 1e11 up is milliseconds.
    private const long SmallestMilliseconds = 100_000_000_000;

    /// <summary>Weibo's <c>created_at</c>, relative forms taken against the current time.</summary>
    public static DateTimeOffset ParseWeibo(string s) => ParseWeibo(s, DateTimeOffset.UtcNow);

    /// <summary>
    /// Weibo's <c>created_at</c>: "Sat Jul 20 10:01:02 +0800 2024", or the relative forms of the mobile site
    /// ("刚刚", "30秒前", "5分钟前", "2小时前", "今天 10:01", "昨天 10:01", "前天 10:01", "07-20", "07-20 10:01",
    /// "2023-12-28", "2023-12-28 14:05"), taken against <paramref name="now"/> in China Standard Time.
    /// </summary>
    /// <exception cref="FormatException">
    /// The text is none of these forms, names an offset beyond ±14:00, or a time before 1970 or beyond the calendar;
    /// the message quotes it.
    /// </exception>
    public static DateTimeOffset ParseWeibo(string s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        DateTimeOffset parsed;
        try
        {
            parsed = ParseWeiboForms(s, now);
        }
        catch (ArgumentException)
        {
            // DateTimeOffset refuses what the forms allow but the calendar does not: year 0001 east of UTC, 9999 west of it.
            throw Unreadable(s, "beyond the range of the calendar");
        }
        return parsed >= CoverageCheck.EarliestPublished ? parsed : throw Unreadable(s, "before 1970, a placeholder rather than a time");
    }

    private static DateTimeOffset ParseWeiboForms(string s, DateTimeOffset now)
    {
        var text = s.Trim();
        var local = now.ToOffset(ChinaOffset);

        if (Rfc2822Like().Match(text) is { Success: true } full)
        {
            var offset = new TimeSpan(int.Parse(full.Groups["oh"].Value), int.Parse(full.Groups["om"].Value), 0);
            if (offset > MaxOffset || full.Groups["om"].Value.CompareTo("59") > 0) throw Unreadable(s, "the offset is beyond ±14:00");
            if (full.Groups["sign"].Value == "-") offset = -offset;
            var stamp = $"{full.Groups["mon"].Value} {full.Groups["day"].Value} {full.Groups["year"].Value} {full.Groups["time"].Value}";
            if (DateTime.TryParseExact(stamp, "MMM d yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
                return new DateTimeOffset(wall, offset).ToUniversalTime();
            throw Unreadable(s);
        }
        if (text == "刚刚") return now.ToUniversalTime();
        if (Ago().Match(text) is { Success: true } ago)
        {
            var n = int.Parse(ago.Groups["n"].Value);
            var span = ago.Groups["unit"].Value switch
            {
                "秒" => TimeSpan.FromSeconds(n),
                "分钟" => TimeSpan.FromMinutes(n),
                "小时" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
            return (now - span).ToUniversalTime();
        }
        if (DayWord().Match(text) is { Success: true } dayWord)
        {
            var daysBack = dayWord.Groups["day"].Value switch { "今天" => 0, "昨天" => 1, _ => 2 };
            var date = local.Date.AddDays(-daysBack);
            return AtChinaTime(date, dayWord.Groups["time"].Value, s);
        }
        if (MonthDay().Match(text) is { Success: true } monthDay)
        {
            var year = monthDay.Groups["year"].Success ? int.Parse(monthDay.Groups["year"].Value) : local.Year;
            var month = int.Parse(monthDay.Groups["month"].Value);
            var day = int.Parse(monthDay.Groups["day"].Value);
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) throw Unreadable(s);
            var date = new DateTime(year, month, day);
            var time = monthDay.Groups["time"].Success ? monthDay.Groups["time"].Value : "00:00";
            var result = AtChinaTime(date, time, s);
            // "12-31" read on 2 January means last year's 31 December.
            if (!monthDay.Groups["year"].Success && result > now.AddDays(1))
                result = AtChinaTime(date.AddYears(-1), time, s);
            return result;
        }
        throw Unreadable(s);
    }

    /// <summary>An epoch in seconds or milliseconds (told apart by size), as UTC.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero, negative, or beyond what a time stamp can be.</exception>
    public static DateTimeOffset FromUnix(long secondsOrMillis)
    {
        if (secondsOrMillis <= 0)
            throw new ArgumentOutOfRangeException(nameof(secondsOrMillis), secondsOrMillis, "an epoch time stamp must be positive");
        try
        {
            return secondsOrMillis >= SmallestMilliseconds
                ? DateTimeOffset.FromUnixTimeMilliseconds(secondsOrMillis)
                : DateTimeOffset.FromUnixTimeSeconds(secondsOrMillis);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ArgumentOutOfRangeException(nameof(secondsOrMillis), secondsOrMillis, "beyond the range of an epoch time stamp");
        }
    }

    private static DateTimeOffset AtChinaTime(DateTime date, string hhmm, string original)
    {
        if (!TimeOnly.TryParseExact(hhmm, ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw Unreadable(original);
        return new DateTimeOffset(date.Add(time.ToTimeSpan()), ChinaOffset).ToUniversalTime();
    }

    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    private static FormatException Unreadable(string s, string why) =>
        new($"'{PlatformCount.Shorten(s)}' is not a Weibo time: {why}");

    private static FormatException Unreadable(string s) =>
        new($"'{PlatformCount.Shorten(s)}' is not a Weibo time (expected \"Sat Jul 20 10:01:02 +0800 2024\", \"5分钟前\", \"昨天 10:01\", \"07-20\" or similar)");

    [GeneratedRegex(@"^[A-Za-z]{3} (?<mon>[A-Za-z]{3}) (?<day>\d{1,2}) (?<time>\d{2}:\d{2}:\d{2}) (?<sign>[+-])(?<oh>\d{2}):?(?<om>\d{2}) (?<year>\d{4})$")]
    private static partial Regex Rfc2822Like();

    [GeneratedRegex(@"^(?<n>\d{1,5})\s*(?<unit>秒|分钟|小时|天)前$")]
    private static partial Regex Ago();

    [GeneratedRegex(@"^(?<day>今天|昨天|前天)\s*(?<time>\d{1,2}:\d{2})$")]
    private static partial Regex DayWord();

    [GeneratedRegex(@"^(?:(?<year>\d{4})-)?(?<month>\d{1,2})-(?<day>\d{1,2})(?:\s+(?<time>\d{1,2}:\d{2}))?$")]
    private static partial Regex MonthDay();
}
