using System.Globalization;
using System.Text;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>An alert as plain lines for chat bots and e-mail: what fired, the numbers, the platforms, the top mentions.</summary>
public static class AlertText
{
    public static string Title(AlertRaised alert) => $"[{alert.SubscriptionName}] {alert.Summary}";

    public static string Markdown(string label, string url) => $"[{label}]({url})";
    public static string SlackLink(string label, string url) => $"<{url}|{label}>";
    public static string Plain(string label, string url) => $"{label} {url}";

    /// <param name="link">How a mention's link is written: <see cref="Markdown"/>, <see cref="SlackLink"/> or <see cref="Plain"/>.</param>
    public static string Body(AlertRaised alert, Func<string, string, string> link)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(alert.Summary);
        text.AppendLine(string.Create(c, $"Rule {alert.RuleId} ({alert.Kind}), window {alert.WindowStart:yyyy-MM-dd HH:mm}–{alert.WindowEnd:HH:mm} UTC"));
        text.Append(string.Create(c, $"Value {alert.Value:0.###}, threshold {alert.Threshold:0.###}"));
        if (alert.Baseline is { } baseline) text.Append(string.Create(c, $", baseline {baseline:0.###}"));
        if (alert.StandardDeviation is { } sigma) text.Append(string.Create(c, $", σ {sigma:0.###}"));
        if (alert.K is { } k) text.Append(string.Create(c, $", k {k}"));
        text.AppendLine();
        text.AppendLine("Platforms: " + string.Join(", ", alert.Platforms.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        foreach (var mention in MentionLines(alert, link)) text.AppendLine("- " + mention);
        return text.ToString().TrimEnd();
    }

    /// <summary>Each top mention as one line: platform, label and reach, linked when it has a URL.</summary>
    public static IEnumerable<string> MentionLines(AlertRaised alert, Func<string, string, string> link) =>
        alert.TopMentions.Select(mention =>
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{mention.Platform} {mention.Label} (reach {mention.Reach:N0})");
            return mention.Url is null ? label : link(label, mention.Url);
        });
}
