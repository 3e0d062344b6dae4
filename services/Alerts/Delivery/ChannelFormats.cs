using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>Turns an alert into each HTTP channel's request (generic webhook, Slack, DingTalk, WeCom, Feishu).</summary>
public static class ChannelFormats
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ChannelRequest For(AlertChannel channel, AlertRaised alert, DateTimeOffset now) => channel.Kind switch
    {
        AlertChannelKinds.Webhook => Webhook(channel, alert, now),
        AlertChannelKinds.Slack => Slack(channel, alert),
        AlertChannelKinds.DingTalk => DingTalk(channel, alert, now),
        AlertChannelKinds.WeCom => WeCom(channel, alert),
        AlertChannelKinds.Feishu => Feishu(channel, alert, now),
        _ => throw new ArgumentException($"channel '{channel.ChannelId}': kind '{channel.Kind}' is not delivered over HTTP", nameof(channel)),
    };

    /// <summary>The alert itself as camelCase JSON, signed when the channel has a secret.</summary>
    public static ChannelRequest Webhook(AlertChannel channel, AlertRaised alert, DateTimeOffset now)
    {
        var body = JsonSerializer.Serialize(alert, Json);
        if (string.IsNullOrEmpty(channel.Secret)) return ChannelRequest.Json(new Uri(channel.Target), body);
        var timestamp = now.ToUnixTimeSeconds();
        return new ChannelRequest(new Uri(channel.Target), body, new Dictionary<string, string>
        {
            [WebhookSignature.TimestampHeader] = timestamp.ToString(),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(channel.Secret, timestamp, body),
        });
    }

    public static ChannelRequest Slack(AlertChannel channel, AlertRaised alert) =>
        ChannelRequest.Json(new Uri(channel.Target), new JsonObject
        {
            ["text"] = AlertText.Title(alert),
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = AlertText.Body(alert, AlertText.SlackLink) },
            }),
        }.ToJsonString());

    public static ChannelRequest DingTalk(AlertChannel channel, AlertRaised alert, DateTimeOffset now)
    {
        var url = string.IsNullOrEmpty(channel.Secret)
            ? new Uri(channel.Target)
            : ChatSigning.DingTalkUrl(channel.Target, channel.Secret, now.ToUnixTimeMilliseconds());
        return ChannelRequest.Json(url, new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = AlertText.Title(alert), ["text"] = AlertText.Body(alert, AlertText.Markdown) },
        }.ToJsonString());
    }

    public static ChannelRequest WeCom(AlertChannel channel, AlertRaised alert) =>
        ChannelRequest.Json(new Uri(channel.Target), new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = AlertText.Body(alert, AlertText.Markdown) },
        }.ToJsonString());

    public static ChannelRequest Feishu(AlertChannel channel, AlertRaised alert, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["msg_type"] = "text",
            ["content"] = new JsonObject { ["text"] = AlertText.Title(alert) + "\n" + AlertText.Body(alert, AlertText.Plain) },
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
