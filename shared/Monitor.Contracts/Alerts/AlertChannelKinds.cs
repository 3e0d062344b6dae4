namespace Monitor.Contracts.Alerts;

public static class AlertChannelKinds
{
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string DingTalk = "dingtalk";
    public const string WeCom = "wecom";
    public const string Feishu = "feishu";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [Webhook, Slack, DingTalk, WeCom, Feishu, Email];
}
