using System.Net;

namespace Monitor.Feeds.Sdk.Http;

/// <summary>Reads Retry-After (delta-seconds or an HTTP date) from a 429 or 503 answer.</summary>
public static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
