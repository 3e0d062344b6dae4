using System.Security.Cryptography;
using System.Text;

namespace Monitor.Contracts;

/// <summary>
/// Derives a coverage item's stream id from what identifies it at its source, so that the same
/// post ingested twice (by two feeds, or after a restart) lands in one stream.
/// </summary>
public static class CoverageIdentity
{
    /// <summary>Namespace for Monitor's name-based (v5) UUIDs.</summary>
    public static readonly Guid Namespace = new("4f6d6f6e-6974-6f72-8000-636f76657261");

    /// <summary>The stream id of a platform item (platform + platform id) or a news article (its normalised URL).</summary>
    public static Guid For(string platform, string platformId, string url)
    {
        var key = platform == PlatformNames.News
            ? "news:" + NormalizeUrl(string.IsNullOrWhiteSpace(url) ? platformId : url)
            : platform + ":" + platformId.Trim();
        return NameBased(Namespace, key);
    }

    /// <summary>
    /// Lower-cases scheme and host, drops the fragment, default ports, "www.", tracking parameters
    /// (utm_*, spm, from, ...) and a trailing slash, and sorts the remaining query parameters.
    /// </summary>
    public static string NormalizeUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            return url.Trim().ToLowerInvariant();
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTrackingParameter(p.Split('=')[0]))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var scheme = uri.Scheme is "http" or "https" ? "https" : uri.Scheme.ToLowerInvariant();
        return $"{scheme}://{host}{path}" + (query.Length > 0 ? "?" + string.Join('&', query) : "");
    }

    private static bool IsTrackingParameter(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || name is "spm" or "from" or "share_token" or "share_from" or "xsec_source" or "fbclid" or "gclid";

    /// <summary>RFC 9562 version 5 (SHA-1, name-based) UUID.</summary>
    public static Guid NameBased(Guid @namespace, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        @namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The id of the event a stage appends for a given input event. Deterministic, so a redelivered
    /// message produces the same event id and the store's re-append check turns it into a no-op.
    /// </summary>
    public static Guid EventIdFor(Guid inputEventId, string stage) => NameBased(inputEventId, stage);
}
