using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// When a failed alert delivery is tried again: the wait after attempt 1, after attempt 2, and so on; after the last
/// wait's attempt fails, the channel is failed (dead) until someone re-sends. The default rides out a day of receiver
/// outage: 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, then hourly, 30 attempts over about 24 hours. Set with
/// <see cref="Variable"/> as comma-separated waits, each a number with s, m or h, optionally repeated as <c>N*wait</c>.
/// </summary>
public sealed partial record DeliverySchedule(IReadOnlyList<TimeSpan> Waits)
{
    public const string Variable = Monitor.Hosting.Configuration.MonitorSettings.AlertsRetryScheduleVariable;
    public const string DefaultSetting = "10s,30s,1m,5m,15m,30m,23*1h";

    public static DeliverySchedule Default { get; } = Parse(DefaultSetting);

    /// <summary>Attempts in all, the first included.</summary>
    public int Attempts => Waits.Count + 1;

    /// <summary>From the first attempt to the last.</summary>
    public TimeSpan Span => Waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based) failed; null when it was the last.</summary>
    public TimeSpan? WaitAfter(int attempt) => attempt >= 1 && attempt <= Waits.Count ? Waits[attempt - 1] : null;

    /// <summary>Reads the setting; a malformed one raises a FormatException that says which part is wrong.</summary>
    public static DeliverySchedule Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return Default;
        var waits = new List<TimeSpan>();
        foreach (var part in setting.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = Step().Match(part);
            if (!match.Success)
                throw new FormatException($"'{part}' is not a wait: write a number with s, m or h (e.g. 30s, 5m, 1h), optionally repeated as N*wait (e.g. 23*1h)");
            var times = match.Groups["times"].Success ? int.Parse(match.Groups["times"].Value, CultureInfo.InvariantCulture) : 1;
            var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            var wait = match.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
            if (wait <= TimeSpan.Zero || times < 1 || times > 1000)
                throw new FormatException($"'{part}': a wait must be positive and repeated 1 to 1000 times");
            waits.AddRange(Enumerable.Repeat(wait, times));
        }
        return new DeliverySchedule(waits);
    }

    [GeneratedRegex(@"^(?:(?<times>\d{1,4})\s*\*\s*)?(?<amount>\d{1,6}(?:\.\d{1,3})?)(?<unit>[smh])$")]
    private static partial Regex Step();
}
