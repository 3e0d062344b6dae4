using System.Globalization;
using System.Text.Json;
using Monitor.Cli.Pipeline;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Cli.Subscriptions;

/// <summary>What `subscriptions add` was told on its command line, before it becomes a request.</summary>
public sealed record SubscriptionDraft
{
    public string? Name { get; init; }
    public IReadOnlyList<string> Platforms { get; init; } = [];
    public IReadOnlyList<string> Entities { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<string> Excluded { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan? Cooldown { get; init; }
    public int BaselineWindows { get; init; } = AlertRule.MinBaselineWindows;
    public double? NegativeShare { get; init; }
    public int MinVolume { get; init; } = 10;
    public TimeSpan? SpikeWindow { get; init; }
    public string? SpikePreset { get; init; }
    public double? Dip { get; init; }
    public long? Reach { get; init; }

    public Uri? Webhook { get; init; }
    public string? WebhookSecret { get; init; }
    public Uri? Slack { get; init; }
    public Uri? DingTalk { get; init; }
    public string? DingTalkSecret { get; init; }
    public Uri? WeCom { get; init; }
    public Uri? Feishu { get; init; }
    public string? FeishuSecret { get; init; }
    public IReadOnlyList<string> Emails { get; init; } = [];

    public string? QuietHours { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public string? DigestAt { get; init; }

    /// <summary>
    /// The request the alerts service takes, or a usage error naming the option that is wrong. The service
    /// checks the rest (ranges, time zones) and its answer names the field.
    /// </summary>
    public SubscriptionRequest ToRequest()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw Usage("--name is required (or give the whole subscription with --file)");
        foreach (var platform in Platforms.Where(p => !PlatformNames.IsKnown(p)))
            throw Usage($"--platform '{platform}' is not one of {string.Join(", ", PlatformNames.All)}");
        var languages = new[] { "zh", "en", "mixed" };
        foreach (var language in Languages.Where(l => !languages.Contains(l)))
            throw Usage($"--language '{language}' is not one of {string.Join(", ", languages)}");

        var rules = Rules().ToList();
        if (rules.Count == 0)
            throw Usage("give at least one rule: --negative-share, --spike-window, --dip or --reach");

        var scope = new SubscriptionScope(Platforms, Entities, Keywords, Excluded, Languages);
        return new SubscriptionRequest(Name.Trim(), scope, rules, Channels().ToList(), Quiet(), Digest());
    }

    private IEnumerable<AlertRule> Rules()
    {
        if (NegativeShare is { } floor)
        {
            // "--negative-share 40" reads as 40%, which is what people type.
            var share = floor > 1 ? floor / 100 : floor;
            yield return new AlertRule(AlertRuleKinds.NegativeShare, AlertRuleKinds.NegativeShare, Window, share, MinVolume,
                BaselineWindows: BaselineWindows, Cooldown: Cooldown);
        }
        if (SpikeWindow is not null || SpikePreset is not null)
        {
            var preset = SpikePreset ?? "balanced";
            var k = SpikeSensitivity.Parse(preset) ?? (double.TryParse(preset, NumberStyles.Float, CultureInfo.InvariantCulture, out var custom) ? custom : (double?)null)
                ?? throw Usage($"--spike-preset '{preset}' is not sensitive (k=1.5), balanced (k=2), strict (k=3) or a number");
            yield return new AlertRule(AlertRuleKinds.VolumeSpike, AlertRuleKinds.VolumeSpike, SpikeWindow ?? Window, 0, 1, k, BaselineWindows, Cooldown);
        }
        if (Dip is { } drop)
            yield return new AlertRule(AlertRuleKinds.SentimentDip, AlertRuleKinds.SentimentDip, Window, drop, MinVolume,
                BaselineWindows: BaselineWindows, Cooldown: Cooldown);
        if (Reach is { } reach)
            yield return new AlertRule(AlertRuleKinds.NegativeReach, AlertRuleKinds.NegativeReach, Window, reach,
                BaselineWindows: BaselineWindows, Cooldown: Cooldown);
    }

    private IEnumerable<AlertChannel> Channels()
    {
        if (Webhook is not null) yield return new AlertChannel("webhook", AlertChannelKinds.Webhook, Webhook.ToString(), WebhookSecret);
        else if (WebhookSecret is not null) throw Usage("--webhook-secret needs --webhook URL");
        if (Slack is not null) yield return new AlertChannel("slack", AlertChannelKinds.Slack, Slack.ToString());
        if (DingTalk is not null) yield return new AlertChannel("dingtalk", AlertChannelKinds.DingTalk, DingTalk.ToString(), DingTalkSecret);
        else if (DingTalkSecret is not null) throw Usage("--dingtalk-secret needs --dingtalk URL");
        if (WeCom is not null) yield return new AlertChannel("wecom", AlertChannelKinds.WeCom, WeCom.ToString());
        if (Feishu is not null) yield return new AlertChannel("feishu", AlertChannelKinds.Feishu, Feishu.ToString(), FeishuSecret);
        else if (FeishuSecret is not null) throw Usage("--feishu-secret needs --feishu URL");
        for (var i = 0; i < Emails.Count; i++)
        {
            if (!Emails[i].Contains('@')) throw Usage($"--email '{Emails[i]}' is not an e-mail address");
            yield return new AlertChannel(Emails.Count == 1 ? "email" : $"email-{i + 1}", AlertChannelKinds.Email, Emails[i]);
        }
    }

    private QuietHours? Quiet()
    {
        if (QuietHours is null) return null;
        var parts = QuietHours.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var from)
            || !TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var to))
            throw Usage($"--quiet-hours '{QuietHours}' is not a range of local times such as 22:00-07:00");
        return new QuietHours(from, to, TimeZone);
    }

    private TimeOnly? Digest()
    {
        if (DigestAt is null) return null;
        return TimeOnly.TryParse(DigestAt, CultureInfo.InvariantCulture, out var at)
            ? at
            : throw Usage($"--digest-at '{DigestAt}' is not a local time such as 09:00");
    }

    /// <summary>A subscription written as JSON (the request body); a file that cannot be read is a usage error naming it.</summary>
    public static SubscriptionRequest FromFile(string path)
    {
        if (!File.Exists(path)) throw Usage($"--file '{path}' does not exist");
        try
        {
            return JsonSerializer.Deserialize<SubscriptionRequest>(File.ReadAllText(path), AlertsApiClient.Json)
                   ?? throw Usage($"--file '{path}' holds null instead of a subscription");
        }
        catch (JsonException e)
        {
            throw Usage($"--file '{path}' is not a subscription in JSON: {e.Message}");
        }
    }

    private static PipelineCommandException Usage(string message) => new(ExitCodes.Usage, message);
}
