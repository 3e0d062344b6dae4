using System.Text.Json;
using Monitor.Alerts.Digests;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// What goes to a channel, in the forms the channels take: a title and a text body (chat bots, e-mail; links
/// written the way each platform wants), and the JSON a generic webhook receives.
/// </summary>
/// <param name="Event">"alert" or "digest": the webhook's X-Monitor-Event header, so one receiver can take both.</param>
/// <param name="Id">The alert's or digest's id: a receiver dedupes by it (X-Monitor-Id, and the e-mail's X-Monitor-Alert-Id).</param>
public sealed record ChannelMessage(string Event, Guid Id, string Title, Func<Func<string, string, string>, string> Body, string Json)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static ChannelMessage For(AlertRaised alert) =>
        new("alert", alert.AlertId, AlertText.Title(alert), link => AlertText.Body(alert, link), JsonSerializer.Serialize(alert, JsonOptions));

    public static ChannelMessage For(Digest digest) =>
        new("digest", digest.DigestId, DigestText.Title(digest), link => DigestText.Body(digest, link), JsonSerializer.Serialize(digest, JsonOptions));
}
