using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Monitor.Hosting.Configuration;

namespace Monitor.Feeds.Sdk.Configuration;

/// <summary>
/// A feed's settings, read from the environment. <see cref="Variables"/> lists them next to
/// Monitor.Hosting's MonitorSettings.Variables (which every feed reads as well).
/// </summary>
public sealed partial record FeedSettings
{
    public const string NameVariable = "MONITOR_FEED_NAME";
    public const string BaseUrlVariable = "MONITOR_FEED_BASE_URL";
    public const string UrlsVariable = "MONITOR_FEED_URLS";
    public const string KeywordsVariable = "MONITOR_FEED_KEYWORDS";
    public const string ItemsVariable = "MONITOR_FEED_ITEMS";
    public const string IntervalVariable = "MONITOR_FEED_INTERVAL";
    public const string MaxPagesVariable = "MONITOR_FEED_MAX_PAGES";
    public const string TimeoutVariable = "MONITOR_FEED_TIMEOUT";
    public const string RetriesVariable = "MONITOR_FEED_RETRIES";
    public const string RequestSpacingVariable = "MONITOR_FEED_REQUEST_SPACING";
    public const string BreakDurationVariable = "MONITOR_FEED_BREAK_DURATION";
    public const string ReplaySourceVariable = "MONITOR_REPLAY_SOURCE";
    public const string ReplaySpeedVariable = "MONITOR_REPLAY_SPEED";
    public const string ReplayLongestGapVariable = "MONITOR_REPLAY_LONGEST_GAP";

    /// <summary>The feeds (the service names given to AddMonitorFeed) that read every feed variable.</summary>
    public static readonly IReadOnlyList<string> FeedServices = ["weibo", "douyin", "xiaohongshu", "rss", "replay"];

    public static IReadOnlyList<MonitorVariable> Variables { get; } =
    [
        new(NameVariable, "The feed's name, unique in a deployment; its cursor lives in the stream feed-{name}.", FeedServices, "the service name"),
        new(BaseUrlVariable, "Base URL of the platform's API (weibo, douyin, xiaohongshu).", ["weibo", "douyin", "xiaohongshu"], null),
        new(UrlsVariable, "Comma-separated RSS / Atom feed URLs.", ["rss"], null),
        new(KeywordsVariable, "Comma-separated search keywords, e.g. 小米SU7,雷军.", ["weibo", "douyin", "xiaohongshu"], null),
        new(ItemsVariable, "Comma-separated ids of single items to re-poll every cycle for fresh counts (mblog id, aweme_id, note_id).", ["weibo", "douyin", "xiaohongshu"], null),
        new(IntervalVariable, "Time between poll cycles (30s, 5m, 00:01:00 or seconds).", FeedServices, "60s"),
        new(MaxPagesVariable, "Most pages read in one cycle (per keyword, for keyword searches).", FeedServices, "5"),
        new(TimeoutVariable, "Timeout of one HTTP attempt.", FeedServices, "10s"),
        new(RetriesVariable, "Retries of a failed HTTP request (with exponential backoff and jitter).", FeedServices, "3"),
        new(RequestSpacingVariable, "Least time between two requests to the source (the rate limit).", FeedServices, "500ms"),
        new(BreakDurationVariable, "How long the circuit stays open after repeated failures.", FeedServices, "30s"),
        new(ReplaySourceVariable, "Replay: the SU7 sample directory or a JSONL export of CoverageReceived.", ["replay"], "samples/su7"),
        new(ReplaySpeedVariable, "Replay: how many times faster than the original timing (60 = an hour per minute).", ["replay"], "60"),
        new(ReplayLongestGapVariable, "Replay: longest wait between two items after scaling (e.g. 30s for demos); unset keeps the timing exact.", ["replay"], null),
    ];

    public required string Name { get; init; }
    public Uri? BaseUrl { get; init; }
    public IReadOnlyList<Uri> Urls { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<string> Items { get; init; } = [];
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxPages { get; init; } = 5;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public int Retries { get; init; } = 3;
    public TimeSpan RequestSpacing { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
    public string? ReplaySource { get; init; }
    public double ReplaySpeed { get; init; } = 60;
    public TimeSpan? ReplayLongestGap { get; init; }

    /// <summary>Reads the settings; a malformed value raises an error naming the variable and what is wrong.</summary>
    public static FeedSettings From(IConfiguration configuration, string serviceName)
    {
        string? Read(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();

        var name = Read(NameVariable) ?? serviceName;
        if (!FeedName().IsMatch(name))
            throw new InvalidSettingException(NameVariable, name, "must be lower-case letters, digits and dashes, starting with a letter (at most 60 characters)");

        return new FeedSettings
        {
            Name = name,
            // A trailing slash makes relative API paths resolve under the base rather than beside it.
            BaseUrl = Read(BaseUrlVariable) is { } baseUrl ? ParseUrl(BaseUrlVariable, baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/") : null,
            Urls = SplitList(Read(UrlsVariable)).Select(u => ParseUrl(UrlsVariable, u)).ToArray(),
            Keywords = SplitList(Read(KeywordsVariable)),
            Items = SplitList(Read(ItemsVariable)),
            Interval = ReadDuration(Read(IntervalVariable), IntervalVariable, TimeSpan.FromSeconds(60)),
            MaxPages = ReadInt(Read(MaxPagesVariable), MaxPagesVariable, 5, 1, 1000),
            Timeout = ReadDuration(Read(TimeoutVariable), TimeoutVariable, TimeSpan.FromSeconds(10)),
            Retries = ReadInt(Read(RetriesVariable), RetriesVariable, 3, 0, 10),
            RequestSpacing = ReadDuration(Read(RequestSpacingVariable), RequestSpacingVariable, TimeSpan.FromMilliseconds(500), allowZero: true),
            BreakDuration = ReadDuration(Read(BreakDurationVariable), BreakDurationVariable, TimeSpan.FromSeconds(30)),
            ReplaySource = Read(ReplaySourceVariable),
            ReplaySpeed = ReadSpeed(Read(ReplaySpeedVariable)),
            ReplayLongestGap = Read(ReplayLongestGapVariable) is { } gap ? ParseDuration(gap, ReplayLongestGapVariable) : null,
        };
    }

    /// <summary>"250ms", "10s", "5m", "1h", "00:01:00", or a plain number of seconds.</summary>
    public static TimeSpan ParseDuration(string text, string variable, bool allowZero = false)
    {
        var match = DurationPattern().Match(text);
        TimeSpan? value = null;
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            value = match.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) value = span;

        if (value is not { } duration || duration < TimeSpan.Zero || (!allowZero && duration == TimeSpan.Zero))
            throw new InvalidSettingException(variable, text,
                $"must be a {(allowZero ? "" : "positive ")}duration such as 250ms, 10s, 5m, 1h, 00:01:00 or a number of seconds");
        return duration;
    }

    private static TimeSpan ReadDuration(string? text, string variable, TimeSpan fallback, bool allowZero = false) =>
        text is null ? fallback : ParseDuration(text, variable, allowZero);

    private static int ReadInt(string? text, string variable, int fallback, int min, int max)
    {
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidSettingException(variable, text, $"must be a whole number from {min} to {max}");
        return value;
    }

    private static double ReadSpeed(string? text)
    {
        if (text is null) return 60;
        var trimmed = text.TrimEnd('x', 'X');
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) || !(speed > 0) || double.IsInfinity(speed))
            throw new InvalidSettingException(ReplaySpeedVariable, text, "must be a positive number such as 60 or 60x");
        return speed;
    }

    private static Uri ParseUrl(string variable, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidSettingException(variable, text, "must be an absolute http:// or https:// URL");
        return uri;
    }

    /// <summary>Splits on commas, ASCII or full-width (小米SU7，雷军), dropping blanks.</summary>
    private static string[] SplitList(string? text) =>
        text is null ? [] : text.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,59}$")]
    private static partial Regex FeedName();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|h)?$")]
    private static partial Regex DurationPattern();
}
