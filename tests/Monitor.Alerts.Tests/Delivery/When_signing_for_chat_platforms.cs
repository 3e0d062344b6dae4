using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Delivery;

public class When_signing_for_chat_platforms
{
    [Fact]
    public void Should_sign_webhooks_over_timestamp_and_body()
    {
        Assert.Equal("sha256=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940",
            WebhookSignature.Sign("s3cret", 1_700_000_000, """{"a":1}"""));
    }

    [Fact]
    public void Should_verify_only_the_same_body_within_the_tolerance()
    {
        var signature = WebhookSignature.Sign("s3cret", 1_700_000_000, "{}");

        Assert.True(WebhookSignature.Verify("s3cret", "1700000000", "{}", signature, Alerts.Now.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify("s3cret", "1700000000", "{ }", signature, Alerts.Now));
        Assert.False(WebhookSignature.Verify("other", "1700000000", "{}", signature, Alerts.Now));
        Assert.False(WebhookSignature.Verify("s3cret", "1700000000", "{}", signature, Alerts.Now.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify("s3cret", "1700000001", "{}", signature, Alerts.Now));
    }

    [Fact]
    public void Should_append_dingtalk_timestamp_and_url_encoded_sign()
    {
        var url = ChatSigning.DingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=t0k", "SEC123", 1_700_000_000_000);

        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=t0k&timestamp=1700000000000&sign=lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ%3D",
            url.AbsoluteUri);
    }

    [Fact]
    public void Should_sign_feishu_with_timestamp_and_secret_as_the_key()
    {
        Assert.Equal("ognpFOmraex6LA29Ao14dsiNmmjE3YO4x5e/SX8n9Bw=", ChatSigning.FeishuSign("fs-secret", 1_700_000_000));

        var request = ChannelFormats.Feishu(new AlertChannel("fs", AlertChannelKinds.Feishu, "https://open.feishu.cn/hook/x", "fs-secret"), Alerts.Sample(), Alerts.Now);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("1700000000", body.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("ognpFOmraex6LA29Ao14dsiNmmjE3YO4x5e/SX8n9Bw=", body.RootElement.GetProperty("sign").GetString());
        Assert.Equal("text", body.RootElement.GetProperty("msg_type").GetString());
    }

    [Fact]
    public void Should_tell_the_numbers_platforms_and_links_in_every_bot_format()
    {
        var alert = Alerts.Sample();
        var slack = ChannelFormats.Slack(new AlertChannel("s", AlertChannelKinds.Slack, "https://hooks.slack.com/services/x"), alert);
        var weCom = ChannelFormats.WeCom(new AlertChannel("w", AlertChannelKinds.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"), alert);
        var dingTalk = ChannelFormats.DingTalk(new AlertChannel("d", AlertChannelKinds.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=t"), alert, Alerts.Now);

        var slackText = JsonDocument.Parse(slack.Body).RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
        var weComText = JsonDocument.Parse(weCom.Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        var dingTalkText = JsonDocument.Parse(dingTalk.Body).RootElement.GetProperty("markdown").GetProperty("text").GetString()!;

        Assert.Contains("<https://weibo.com/1/abc|weibo negative (reach 120,000)>", slackText);
        Assert.Contains("[weibo negative (reach 120,000)](https://weibo.com/1/abc)", weComText);
        Assert.Contains("Value 6, threshold 5, baseline 3, σ 1, k 2", dingTalkText);
        Assert.Contains("Platforms: weibo 4, douyin 2", dingTalkText);
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=t", dingTalk.Url.AbsoluteUri);
    }
}
