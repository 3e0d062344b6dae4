using System.Security.Cryptography;
using System.Text;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// The generic webhook's signature: X-Monitor-Signature = "sha256=" + hex(HMAC-SHA256(secret, "{timestamp}.{body}")),
/// with X-Monitor-Timestamp the Unix time in seconds. A receiver recomputes it over the raw body, compares in
/// constant time, and refuses timestamps older than its tolerance, so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Monitor-Timestamp";
    public const string SignatureHeader = "X-Monitor-Signature";
    public const string Prefix = "sha256=";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether the signature is the secret's over this timestamp and body, and the timestamp is recent.</summary>
    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestampHeader, out var timestamp)) return false;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > (tolerance ?? DefaultTolerance)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }
}
