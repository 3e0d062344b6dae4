using System.Net;
using System.Text;
using System.Text.Json;
using Monitor.Feeds.Sdk.Http;
using Monitor.Platforms;

namespace Monitor.Feeds.Sdk.Search;

/// <summary>
/// Tells a search page that holds no results (an HTML login wall or captcha, JSON cut short, an answer that ends
/// before its Content-Length, an oversized answer, the platform's own error, a 4xx) from a source that is down
/// (5xx, timeouts, a refused or reset connection, an open circuit), and says why.
/// The first is refused and the next keyword read; the second fails the cycle and is retried where it stopped.
/// </summary>
public static class SearchPageRefusal
{
    private const int LongestTitle = 120;

    /// <summary>Why the page is refused, or null when <paramref name="error"/> is the source failing, not the page.</summary>
    /// <param name="body">What the source answered, when an answer was read.</param>
    public static string? Reason(Uri uri, byte[]? body, Exception error) => error switch
    {
        FeedResponseTooLargeException => error.Message,
        FeedHttpException { Status: { } status } when IsPermanent(status) => error.Message,
        // Still cut short after the retries: this page is, whatever the source's other pages do.
        FeedHttpException { InnerException: HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } ended } =>
            $"GET {uri} answered a page cut short: {ended.Message}",
        JsonException json => NotJson(uri, body ?? [], json),
        InvalidDataException data => $"GET {uri} answered no results: {data.Message}",
        _ => null,
    };

    /// <summary>4xx but a timeout or a rate limit: the page will not become readable by asking again at once.</summary>
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static string NotJson(Uri uri, byte[] body, JsonException error)
    {
        var start = FirstSignificant(body);
        if (start < 0) return $"GET {uri} answered an empty page, not JSON";
        return body[start] switch
        {
            (byte)'<' => $"GET {uri} answered HTML, not JSON (a login wall or captcha page?){Title(body)}",
            (byte)'{' or (byte)'[' => $"GET {uri} answered JSON that is cut short or broken: {error.Message}",
            _ => $"GET {uri} did not answer JSON: {error.Message}",
        };
    }

    private static int FirstSignificant(byte[] body)
    {
        var start = body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        for (var i = start; i < body.Length; i++)
            if (body[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return i;
        return -1;
    }

    /// <summary>The page's &lt;title&gt;, which names a login or verification page, looked for in its first 64 KB only.</summary>
    private static string Title(byte[] body)
    {
        var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));
        var open = head.IndexOf("<title", StringComparison.OrdinalIgnoreCase);
        if (open < 0) return "";
        var start = head.IndexOf('>', open);
        var end = start < 0 ? -1 : head.IndexOf("</title", start, StringComparison.OrdinalIgnoreCase);
        if (end < 0) return "";
        var title = WeiboHtml.ToText(head[(start + 1)..end]);
        return title.Length == 0 ? "" : $": '{UnicodeText.Shorten(title, LongestTitle)}'";
    }
}
