using Monitor.Hosting.Configuration;

namespace Monitor.Alerts.Delivery;

/// <summary>Where e-mail alerts go out: MONITOR_ALERTS_SMTP as smtp://[user:password@]host[:port]?from=alerts@example.com[&amp;tls=true].</summary>
public sealed record SmtpSettings(string Host, int Port, string From, string? Username, string? Password, bool StartTls)
{
    public const string Variable = MonitorSettings.AlertsSmtpVariable;

    public static SmtpSettings? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != "smtp")
            throw new FormatException("must look like smtp://[user:password@]host[:port]?from=alerts@example.com");
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
        if (!query.TryGetValue("from", out var from) || !from.Contains('@'))
            throw new FormatException("needs ?from=<sender address>");
        var credentials = uri.UserInfo.Split(':', 2);
        return new SmtpSettings(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 25 : uri.Port, from,
            credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null,
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null,
            query.TryGetValue("tls", out var tls) && tls == "true");
    }
}
