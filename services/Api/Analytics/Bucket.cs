using Monitor.Api.Querying;

namespace Monitor.Api.Analytics;

/// <summary>How the timeline groups time: by minute, hour or day (UTC).</summary>
internal static class Bucket
{
    public const string Minute = "minute";
    public const string Hour = "hour";
    public const string Day = "day";

    public static string Parse(string? value, QueryErrors errors)
    {
        var bucket = string.IsNullOrWhiteSpace(value) ? Hour : value.Trim().ToLowerInvariant();
        if (bucket is Minute or Hour or Day) return bucket;
        errors.Add("bucket", $"'{value}' is not a bucket; use minute, hour or day");
        return Hour;
    }

    /// <summary>Whether a time sits on a whole minute, so that per-minute counts answer a range that starts or ends there exactly.</summary>
    public static bool OnMinute(DateTimeOffset? at) => at is null || at.Value.UtcTicks % TimeSpan.TicksPerMinute == 0;
}
