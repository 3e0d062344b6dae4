using Monitor.Alerts.Delivery;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Quiet;
using Monitor.Contracts.Alerts;
using SampleAlerts = Monitor.Alerts.Tests.Delivery.Alerts;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>The one message per channel a quiet spell's held alerts become, and how the digest marks them afterwards.</summary>
public class When_held_alerts_are_written
{
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(7, 0), "Asia/Shanghai");
    private static readonly DateTimeOffset SpellEnd = new(2026, 11, 21, 23, 0, 0, TimeSpan.Zero);

    private static HeldAlerts Release(QuietHours? quiet, params AlertRaised[] alerts) =>
        new(Guid.NewGuid(), alerts[0].SubscriptionId, "SU7 launch", SpellEnd, quiet, alerts);

    private static AlertRaised Alert(string summary, string url, int hour) =>
        SampleAlerts.Sample() with
        {
            AlertId = Guid.NewGuid(),
            Summary = summary,
            RaisedAt = new DateTimeOffset(2026, 11, 21, hour, 5, 0, TimeSpan.Zero),
            TopMentions = [new AlertMention(Guid.NewGuid(), "weibo", "negative", -0.9, 250_000, url)],
        };

    [Fact]
    public void Should_say_how_many_were_held_and_during_which_hours()
    {
        var release = Release(Night, Alert("a", "https://weibo.com/1", 15), Alert("b", "https://weibo.com/2", 16), Alert("c", "https://weibo.com/3", 17));

        Assert.Equal("3 alerts held during quiet hours 22:00–07:00 Asia/Shanghai", HeldAlertsText.Headline(release));
        Assert.Equal("[SU7 launch] 3 alerts held during quiet hours 22:00–07:00 Asia/Shanghai", HeldAlertsText.Title(release));
        Assert.Equal("1 alert held during quiet hours 22:00–07:00 Asia/Shanghai", HeldAlertsText.Headline(Release(Night, Alert("a", "https://weibo.com/1", 15))));
    }

    [Fact]
    public void Should_name_the_spell_s_end_once_the_quiet_hours_are_gone()
    {
        Assert.Equal("1 alert held during quiet hours that ended 2026-11-21 23:00 UTC",
            HeldAlertsText.Headline(Release(null, Alert("a", "https://weibo.com/1", 15))));
    }

    [Fact]
    public void Should_list_each_alert_s_line_and_link_as_the_single_alert_message_has_them()
    {
        var early = Alert("Negative share 55% in 1h", "https://weibo.com/early", 15);
        var late = Alert("Volume spike: 40 items in 1h", "https://weibo.com/late", 18);

        var body = HeldAlertsText.Body(Release(Night, early, late), AlertText.Markdown);

        var lines = body.Split('\n');
        Assert.Equal("2 alerts held during quiet hours 22:00–07:00 Asia/Shanghai:", lines[0]);
        Assert.Equal("- 15:05 UTC Negative share 55% in 1h", lines[1]);
        Assert.Equal("  - " + AlertText.MentionLines(early, AlertText.Markdown).Single(), lines[2]);
        Assert.Contains("[weibo negative (reach 250,000)](https://weibo.com/early)", lines[2]);
        Assert.Equal("- 18:05 UTC Volume spike: 40 items in 1h", lines[3]);
        Assert.Contains("(https://weibo.com/late)", lines[4]);
        // The single-alert message writes the same mention line.
        Assert.Contains("- " + AlertText.MentionLines(early, AlertText.Markdown).Single(), AlertText.Body(early, AlertText.Markdown));
    }

    [Fact]
    public void Should_go_to_a_webhook_as_one_signed_request_with_its_own_event_and_id()
    {
        var release = Release(Night, Alert("a", "https://weibo.com/1", 15), Alert("b", "https://weibo.com/2", 16));
        var channel = new AlertChannel("hook", AlertChannelKinds.Webhook, "https://hooks.example.test/in", "s3cret");

        var request = ChannelFormats.For(channel, ChannelMessage.For(release), SpellEnd);

        Assert.Equal("held-alerts", request.Headers[ChannelFormats.EventHeader]);
        Assert.Equal(release.ReleaseId.ToString(), request.Headers[ChannelFormats.IdHeader]);
        Assert.True(WebhookSignature.Verify("s3cret", request.Headers[WebhookSignature.TimestampHeader], request.Body,
            request.Headers[WebhookSignature.SignatureHeader], SpellEnd));
        var sent = System.Text.Json.JsonSerializer.Deserialize<HeldAlerts>(request.Body, ChannelFormats.Json)!;
        Assert.Equal(release.Alerts.Select(a => a.AlertId), sent.Alerts.Select(a => a.AlertId));
        Assert.Equal(Night, sent.QuietHours);
    }

    [Fact]
    public void Should_mark_in_the_digest_which_held_alerts_went_out_when_the_quiet_hours_ended()
    {
        var at = new DateTimeOffset(2026, 11, 21, 15, 5, 0, TimeSpan.Zero);
        var digest = new Digest(Guid.NewGuid(), Guid.NewGuid(), "SU7 launch", new DateOnly(2026, 11, 22), "Asia/Shanghai", at.AddHours(-12), at.AddHours(12), 0,
            new Dictionary<string, SentimentSplit>(), [],
        [
            new DigestAlert(Guid.NewGuid(), "spike", AlertRuleKinds.VolumeSpike, "sent at once", at.AddHours(-3), Held: false),
            new DigestAlert(Guid.NewGuid(), "spike", AlertRuleKinds.VolumeSpike, "released", at, Held: true, ReleasedAt: SpellEnd),
            new DigestAlert(Guid.NewGuid(), "spike", AlertRuleKinds.VolumeSpike, "only here", at.AddHours(1), Held: true),
        ]);

        var body = DigestText.Body(digest, AlertText.Plain);

        Assert.Contains("Alerts: 3 raised, 2 of them held during quiet hours (1 sent when the quiet hours ended):", body);
        Assert.Contains("- 12:05 UTC sent at once", body);
        Assert.Contains("- 15:05 UTC [held, sent 23:00 UTC] released", body);
        Assert.Contains("- 16:05 UTC [held] only here", body);
    }
}
