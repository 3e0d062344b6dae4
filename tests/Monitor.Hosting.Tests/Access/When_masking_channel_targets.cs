using Monitor.Contracts.Alerts;
using Monitor.Hosting.Access;

namespace Monitor.Hosting.Tests.Access;

public class When_masking_channel_targets
{
    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/send?access_token=0123abcdef", "https://oapi.dingtalk.com/robot/send?access_token=***")]
    [InlineData("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "https://hooks.slack.com/services/***/***/***")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***")]
    [InlineData("https://open.feishu.cn/open-apis/bot/v2/hook/2f1e0c1a-aaaa-bbbb-cccc-0123456789ab", "https://open.feishu.cn/open-apis/bot/v2/hook/***")]
    [InlineData("https://ops:pa55word@hooks.example.com:8443/monitor#frag", "https://***@hooks.example.com:8443/monitor#***")]
    [InlineData("http://127.0.0.1:5000/alerts?sig=abc&x=1", "http://127.0.0.1:5000/alerts?sig=***&x=***")]
    [InlineData("https://hooks.example.com", "https://hooks.example.com")]
    [InlineData("https://hooks.example.com/monitor", "https://hooks.example.com/monitor")]
    public void A_url_keeps_where_it_goes_and_loses_its_credentials(string target, string masked) =>
        Assert.Equal(masked, SecretMask.Target(target));

    [Fact]
    public void An_email_address_stays_and_anything_unreadable_is_hidden_whole()
    {
        Assert.Equal("pr-team@example.com", SecretMask.Target("pr-team@example.com"));
        Assert.Equal(SecretMask.Hidden, SecretMask.Target("not a url with t0ken"));
        Assert.Equal(SecretMask.Hidden, SecretMask.Target("ftp://user:pw@example.com/x"));
    }

    [Fact]
    public void A_channel_loses_its_secret_and_the_credentials_in_its_target()
    {
        var channel = new AlertChannel("ding", AlertChannelKinds.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=t0k", "SEC123");

        Assert.Equal(new AlertChannel("ding", AlertChannelKinds.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=***", SecretMask.HiddenSecret),
            SecretMask.Channel(channel));
        Assert.Null(SecretMask.Channel(channel with { Secret = null }).Secret);
    }

    [Fact]
    public void Every_url_quoted_in_text_is_masked_and_the_rest_kept()
    {
        var reason = "HTTP 500 from https://oapi.dingtalk.com/robot/send?access_token=t0k. Then refused: http://a:b@10.0.0.5/hook/0123456789abcdef0123.";

        Assert.Equal("HTTP 500 from https://oapi.dingtalk.com/robot/send?access_token=***. Then refused: http://***@10.0.0.5/hook/***.",
            SecretMask.InText(reason));
    }
}
