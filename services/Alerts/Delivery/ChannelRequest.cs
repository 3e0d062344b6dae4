namespace Monitor.Alerts.Delivery;

/// <summary>What to POST to a channel: where, the JSON body, and any extra headers.</summary>
public sealed record ChannelRequest(Uri Url, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static ChannelRequest Json(Uri url, string body) => new(url, body, new Dictionary<string, string>());
}
