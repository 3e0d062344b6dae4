using System.Globalization;
using System.Text;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Digests;

/// <summary>A digest as plain lines for chat bots and e-mail.</summary>
public static class DigestText
{
    public static string Title(Digest digest) => $"[{digest.SubscriptionName}] Daily digest {digest.Day:yyyy-MM-dd}";

    /// <param name="link">How a mention's link is written (see <see cref="AlertText"/>).</param>
    public static string Body(Digest digest, Func<string, string, string> link)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"{digest.Volume:N0} items from {digest.From:yyyy-MM-dd HH:mm} to {digest.To:yyyy-MM-dd HH:mm} UTC ({digest.TimeZone} day {digest.Day:yyyy-MM-dd})"));
        foreach (var (platform, split) in digest.Platforms)
            text.AppendLine(string.Create(c, $"- {platform}: {split.Total:N0} ({split.Positive:N0} positive, {split.Neutral:N0} neutral, {split.Negative:N0} negative)"));
        if (digest.TopNegative.Count > 0)
        {
            text.AppendLine("Top negative mentions:");
            foreach (var mention in digest.TopNegative)
            {
                var label = string.Create(c, $"{mention.Platform} (reach {mention.Reach:N0}, score {mention.Score:0.00})");
                text.AppendLine("- " + (mention.Url is null ? label : link(label, mention.Url)));
            }
        }
        var held = digest.Alerts.Count(a => a.Held);
        var released = digest.Alerts.Count(a => a.ReleasedAt is not null);
        text.AppendLine(digest.Alerts.Count == 0
            ? "No alerts."
            : $"Alerts: {digest.Alerts.Count} raised, {held} of them held during quiet hours ({released} sent when the quiet hours ended):");
        foreach (var alert in digest.Alerts)
            text.AppendLine(string.Create(c, $"- {alert.RaisedAt:HH:mm} UTC{Mark(alert)} {alert.Summary}"));
        return text.ToString().TrimEnd();
    }

    /// <summary>" [held, sent 23:00 UTC]" for one released at the end of its quiet spell, " [held]" for one sent only here.</summary>
    private static string Mark(DigestAlert alert) => alert switch
    {
        { ReleasedAt: { } at } => string.Create(CultureInfo.InvariantCulture, $" [held, sent {at:HH:mm} UTC]"),
        { Held: true } => " [held]",
        _ => "",
    };
}
