using System.Security.Cryptography;
using System.Text;

namespace Monitor.Alerts.Delivery;

/// <summary>The bot platforms' own signing schemes.</summary>
public static class ChatSigning
{
    /// <summary>
    /// DingTalk: the robot URL gains &amp;timestamp={ms}&amp;sign={urlencode(base64(HMAC-SHA256(key: secret, "{ms}\n{secret}")))}.
    /// </summary>
    public static Uri DingTalkUrl(string robotUrl, string secret, long timestampMs)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestampMs}\n{secret}"));
        var separator = robotUrl.Contains('?') ? '&' : '?';
        return new Uri($"{robotUrl}{separator}timestamp={timestampMs}&sign={Uri.EscapeDataString(Convert.ToBase64String(mac))}");
    }

    /// <summary>Feishu: sign = base64(HMAC-SHA256(key: "{seconds}\n{secret}", over an empty message)), sent in the body.</summary>
    public static string FeishuSign(string secret, long timestampSeconds) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestampSeconds}\n{secret}"), Array.Empty<byte>()));
}
