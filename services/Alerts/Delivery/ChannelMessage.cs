using System.Text.Json;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Quiet;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// What goes to a channel, in the forms the channels take: a title and a text body (chat bots, e-mail; links
/// written the way each platform wants), and the JSON a generic webhook receives.
/// </summary>
/// <param name="Event">"alert", "digest" or "held-alerts": the webhook's X-Monitor-Event header, so one receiver can take all.</param>
/// <param name="Id">The alert's, digest's or release's id: a receiver dedupes by it (X-Monitor-Id, and the e-mail's X-Monitor-*-Id).</param>
public sealed record ChannelMessage(string Event, Guid Id, string Title, Func<Func<string, string, string>, string> Body, string Json)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static ChannelMessage For(AlertRaised alert) =>
        new("alert", alert.AlertId, AlertText.Title(alert), link => AlertText.Body(alert, link), JsonSerializer.Serialize(alert, JsonOptions));

    public static ChannelMessage For(Digest digest) =>
        new("digest", digest.DigestId, DigestText.Title(digest), link => DigestText.Body(digest, link), JsonSerializer.Serialize(digest, JsonOptions));

    public static ChannelMessage For(HeldAlerts release) =>
        new("held-alerts", release.ReleaseId, HeldAlertsText.Title(release), link => HeldAlertsText.Body(release, link), JsonSerializer.Serialize(release, JsonOptions));
}
