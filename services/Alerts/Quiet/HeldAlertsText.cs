using System.Globalization;
using System.Text;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Quiet;

/// <summary>
/// The held alerts of a quiet spell as one message for chat bots and e-mail: a line saying how many were held
/// and during which hours, then each alert's summary with its mentions' links as the single-alert message has them.
/// </summary>
public static class HeldAlertsText
{
    public static string Title(HeldAlerts release) => $"[{release.SubscriptionName}] {Headline(release)}";

    /// <summary>"3 alerts held during quiet hours 22:00–07:00 Asia/Shanghai".</summary>
    public static string Headline(HeldAlerts release)
    {
        var count = release.Alerts.Count == 1 ? "1 alert" : $"{release.Alerts.Count} alerts";
        return release.QuietHours is { } quiet
            ? string.Create(CultureInfo.InvariantCulture, $"{count} held during quiet hours {quiet.From:HH:mm}–{quiet.To:HH:mm} {quiet.TimeZone}")
            : string.Create(CultureInfo.InvariantCulture, $"{count} held during quiet hours that ended {release.QuietUntil:yyyy-MM-dd HH:mm} UTC");
    }

    /// <param name="link">How a mention's link is written (see <see cref="AlertText"/>).</param>
    public static string Body(HeldAlerts release, Func<string, string, string> link)
    {
        var text = new StringBuilder();
        text.AppendLine(Headline(release) + ":");
        foreach (var alert in release.Alerts)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- {alert.RaisedAt:HH:mm} UTC {alert.Summary}"));
            foreach (var mention in AlertText.MentionLines(alert, link)) text.AppendLine("  - " + mention);
        }
        return text.ToString().TrimEnd();
    }
}
