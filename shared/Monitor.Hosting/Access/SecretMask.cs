using System.Text;
using System.Text.RegularExpressions;
using Monitor.Contracts.Alerts;

namespace Monitor.Hosting.Access;

/// <summary>
/// Hides what a channel target carries as a credential, for everyone but admins: user:pass@, every query value
/// (DingTalk access_token, WeCom key, signatures), the fragment, and path segments that look like tokens (Slack's
/// /services/T…/B…/…, Feishu's hook id: 16 characters or more, or a digit in more than 3). Scheme, host, port and
/// plain path words stay, so a reader still sees where alerts go. E-mail addresses are shown as they are.
/// </summary>
public static partial class SecretMask
{
    public const string Hidden = "***";

    /// <summary>What a channel's <see cref="AlertChannel.Secret"/> reads as for those who may not see it.</summary>
    public const string HiddenSecret = "(hidden)";

    /// <summary>The channel with its target masked and its secret hidden.</summary>
    public static AlertChannel Channel(AlertChannel channel) =>
        channel with { Target = Target(channel.Target), Secret = channel.Secret is null ? null : HiddenSecret };

    /// <summary>An http(s) URL with its secrets masked; an e-mail address as it is; anything else hidden whole.</summary>
    public static string Target(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return EmailLike().IsMatch(target) ? target : Hidden;
        var text = new StringBuilder(uri.Scheme).Append("://");
        if (uri.UserInfo.Length > 0) text.Append(Hidden).Append('@');
        text.Append(uri.IdnHost.Contains(':') ? $"[{uri.IdnHost}]" : uri.IdnHost);
        if (!uri.IsDefaultPort) text.Append(':').Append(uri.Port);
        // A bare host (no slash after it) stays without one.
        if (uri.AbsolutePath != "/" || target.IndexOf('/', uri.Scheme.Length + 3) >= 0)
            text.Append(string.Join('/', uri.AbsolutePath.Split('/').Select(s => LooksLikeToken(Uri.UnescapeDataString(s)) ? Hidden : s)));
        if (uri.Query.Length > 1)
            text.Append('?').Append(string.Join('&', uri.Query[1..].Split('&').Select(p => p.Split('=', 2)[0] + "=" + Hidden)));
        if (uri.Fragment.Length > 1) text.Append('#').Append(Hidden);
        return text.ToString();
    }

    /// <summary>Free text (a delivery failure's reason, an exception message) with every URL in it masked.</summary>
    public static string InText(string text) => UrlInText().Replace(text, m =>
    {
        // Sentence punctuation after a URL is not part of it.
        var url = m.Value.TrimEnd('.', ',', ';', ':', ')', ']', '!', '?');
        return Target(url) + m.Value[url.Length..];
    });

    private static bool LooksLikeToken(string segment) =>
        segment.Length >= 16 || (segment.Length > 3 && segment.Any(char.IsAsciiDigit));

    [GeneratedRegex(@"^[^@\s/:]+@[^@\s/:]+$")]
    private static partial Regex EmailLike();

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlInText();
}
