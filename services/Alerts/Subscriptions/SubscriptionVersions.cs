using Microsoft.Extensions.Primitives;

namespace Monitor.Alerts.Subscriptions;

/// <summary>A subscription's stream version as an HTTP entity tag: ETag "7", If-Match "7".</summary>
public static class SubscriptionVersions
{
    public static string ETag(SubscriptionState state) => $"\"{state.Version}\"";

    /// <summary>No If-Match (or "*"): null, the write applies to the version the service holds. Otherwise the version sent.</summary>
    public static bool TryParseIfMatch(StringValues header, out long? version)
    {
        version = null;
        var text = header.ToString().Trim();
        if (text.Length == 0 || text == "*") return true;
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        if (long.TryParse(text.Trim('"'), out var parsed) && parsed > 0)
        {
            version = parsed;
            return true;
        }
        return false;
    }
}
