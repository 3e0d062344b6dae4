using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>Turns an alert or a digest into each HTTP channel's request (generic webhook, Slack, DingTalk, WeCom, Feishu).</summary>
public static class ChannelFormats
{
    public const string EventHeader = "X-Monitor-Event";
    public const string IdHeader = "X-Monitor-Id";

    public static readonly JsonSerializerOptions Json = ChannelMessage.JsonOptions;

    public static ChannelRequest For(AlertChannel channel, AlertRaised alert, DateTimeOffset now) => For(channel, ChannelMessage.For(alert), now);

    /// <summary>The channel's request, with the delivery's id in <see cref="DeliveryIds.Header"/> whatever the channel.</summary>
    public static ChannelRequest For(AlertChannel channel, ChannelMessage message, DateTimeOffset now)
    {
        var request = Format(channel, message, now);
        var headers = new Dictionary<string, string>(request.Headers) { [DeliveryIds.Header] = DeliveryIds.For(message.Id, channel.ChannelId).ToString() };
        return request with { Headers = headers };
    }

    private static ChannelRequest Format(AlertChannel channel, ChannelMessage message, DateTimeOffset now) => channel.Kind switch
    {
        AlertChannelKinds.Webhook => Webhook(channel, message, now),
        AlertChannelKinds.Slack => Slack(channel, message),
        AlertChannelKinds.DingTalk => DingTalk(channel, message, now),
        AlertChannelKinds.WeCom => WeCom(channel, message),
        AlertChannelKinds.Feishu => Feishu(channel, message, now),
        _ => throw new ArgumentException($"channel '{channel.ChannelId}': kind '{channel.Kind}' is not delivered over HTTP", nameof(channel)),
    };

    public static ChannelRequest Webhook(AlertChannel channel, AlertRaised alert, DateTimeOffset now) => Webhook(channel, ChannelMessage.For(alert), now);
    public static ChannelRequest Slack(AlertChannel channel, AlertRaised alert) => Slack(channel, ChannelMessage.For(alert));
    public static ChannelRequest DingTalk(AlertChannel channel, AlertRaised alert, DateTimeOffset now) => DingTalk(channel, ChannelMessage.For(alert), now);
    public static ChannelRequest WeCom(AlertChannel channel, AlertRaised alert) => WeCom(channel, ChannelMessage.For(alert));
    public static ChannelRequest Feishu(AlertChannel channel, AlertRaised alert, DateTimeOffset now) => Feishu(channel, ChannelMessage.For(alert), now);

    /// <summary>The message's JSON with the delivery's id added as "deliveryId", signed when the channel has a secret.</summary>
    public static ChannelRequest Webhook(AlertChannel channel, ChannelMessage message, DateTimeOffset now)
    {
        var json = JsonNode.Parse(message.Json)!.AsObject();
        json["deliveryId"] = DeliveryIds.For(message.Id, channel.ChannelId);
        var body = json.ToJsonString();
        var headers = new Dictionary<string, string> { [EventHeader] = message.Event, [IdHeader] = message.Id.ToString() };
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            var timestamp = now.ToUnixTimeSeconds();
            headers[WebhookSignature.TimestampHeader] = timestamp.ToString();
            headers[WebhookSignature.SignatureHeader] = WebhookSignature.Sign(channel.Secret, timestamp, body);
        }
        return new ChannelRequest(new Uri(channel.Target), body, headers);
    }

    public static ChannelRequest Slack(AlertChannel channel, ChannelMessage message) =>
        ChannelRequest.Json(new Uri(channel.Target), new JsonObject
        {
            ["text"] = message.Title,
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = message.Body(AlertText.SlackLink) },
            }),
        }.ToJsonString());

    public static ChannelRequest DingTalk(AlertChannel channel, ChannelMessage message, DateTimeOffset now)
    {
        var url = string.IsNullOrEmpty(channel.Secret)
            ? new Uri(channel.Target)
            : ChatSigning.DingTalkUrl(channel.Target, channel.Secret, now.ToUnixTimeMilliseconds());
        return ChannelRequest.Json(url, new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = message.Title, ["text"] = message.Body(AlertText.Markdown) },
        }.ToJsonString());
    }

    public static ChannelRequest WeCom(AlertChannel channel, ChannelMessage message) =>
        ChannelRequest.Json(new Uri(channel.Target), new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = message.Body(AlertText.Markdown) },
        }.ToJsonString());

    public static ChannelRequest Feishu(AlertChannel channel, ChannelMessage message, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["msg_type"] = "text",
            ["content"] = new JsonObject { ["text"] = message.Title + "\n" + message.Body(AlertText.Plain) },
        };
        if (!string.IsNullOrEmpty(channel.Secret))
        {
            var timestamp = now.ToUnixTimeSeconds();
            body["timestamp"] = timestamp.ToString();
            body["sign"] = ChatSigning.FeishuSign(channel.Secret, timestamp);
        }
        return ChannelRequest.Json(new Uri(channel.Target), body.ToJsonString());
    }
}
