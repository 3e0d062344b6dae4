using System.Net;

namespace Monitor.Feeds.Sdk.Http;

/// <summary>A source's answer, read whole: 200 with a body, or 304 Not Modified with none.</summary>
/// <param name="Charset">The charset the Content-Type declared, if any (RSS from Chinese sites may say GBK).</param>
public sealed record FeedResponse(
    Uri Uri,
    HttpStatusCode Status,
    byte[] Body,
    string? Charset,
    string? ETag,
    DateTimeOffset? LastModified)
{
    public bool NotModified => Status == HttpStatusCode.NotModified;
}

/// <summary>The source answered with more than <see cref="FeedHttpClient.MaxResponseBytes"/>; the rest was not read.</summary>
public sealed class FeedResponseTooLargeException(Uri uri, long? declaredBytes) : Exception(
    $"GET {uri} answered {(declaredBytes is { } n ? $"{n:N0} bytes" : "more bytes")}, more than the {FeedHttpClient.MaxResponseBytes / (1024 * 1024)} MB a feed reads")
{
    public Uri Uri { get; } = uri;
}

/// <summary>A request to the source failed after its retries.</summary>
public sealed class FeedHttpException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}
