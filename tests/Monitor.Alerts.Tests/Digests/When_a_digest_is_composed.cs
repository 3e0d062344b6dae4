using Monitor.Alerts.Delivery;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Raised;
using SampleAlerts = Monitor.Alerts.Tests.Delivery.Alerts;
using Monitor.Alerts.Tests.Rules;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Digests;

public class When_a_digest_is_composed
{
    private static readonly DateTimeOffset From = Given.Anchor.AddDays(1);
    private static readonly DigestOccurrence Day = new(DateOnly.FromDateTime(From.AddDays(1).UtcDateTime), "UTC", From, From.AddDays(1));

    private static readonly Contracts.Alerts.SubscriptionScope WeiboAndDouyin = new([PlatformNames.Weibo, PlatformNames.Douyin], [], [], [], []);

    [Fact]
    public void Should_count_the_day_s_items_in_scope_per_platform_and_sentiment()
    {
        var subscription = Given.Subscription(WeiboAndDouyin, new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1));
        var items = new[]
        {
            Given.Negative(From.AddHours(1)),
            Given.Positive(From.AddHours(2)),
            Given.Item(From.AddHours(3)),
            Given.Item(From.AddHours(4), SentimentLabels.Negative, -0.5, platform: PlatformNames.Douyin),
            Given.Item(From.AddHours(5), platform: PlatformNames.News),   // out of scope
            Given.Negative(From.AddHours(-1)),                             // the day before
            Given.Negative(From.AddDays(1)),                               // the next day (To is not inside)
        };

        var digest = DigestComposer.Compose(subscription, Day, items, []);

        Assert.Equal(4, digest.Volume);
        Assert.Equal(new SentimentSplit(1, 1, 1), digest.Platforms[PlatformNames.Weibo]);
        Assert.Equal(new SentimentSplit(0, 0, 1), digest.Platforms[PlatformNames.Douyin]);
        Assert.False(digest.Platforms.ContainsKey(PlatformNames.News));
        Assert.Equal(DigestIds.For(Given.SubscriptionId, Day.Day), digest.DigestId);
    }

    [Fact]
    public void Should_list_the_negative_mentions_with_the_largest_reach_first_with_links()
    {
        var subscription = Given.Subscription(new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1));
        var items = Enumerable.Range(1, 8).Select(i => Given.Negative(From.AddMinutes(i), reach: i * 1_000))
            .Append(Given.Positive(From.AddMinutes(30), reach: 1_000_000))
            .ToArray();

        var digest = DigestComposer.Compose(subscription, Day, items, []);

        Assert.Equal([8_000L, 7_000, 6_000, 5_000, 4_000], digest.TopNegative.Select(m => m.Reach));
        Assert.All(digest.TopNegative, m => Assert.StartsWith("https://example.test/", m.Url));
    }

    [Fact]
    public void Should_list_the_alerts_raised_and_mark_those_held()
    {
        var subscription = Given.Subscription(new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1));
        var sent = SampleAlerts.Sample() with { AlertId = Guid.NewGuid(), SubscriptionId = Given.SubscriptionId, RaisedAt = From.AddHours(2) };
        var held = SampleAlerts.Sample() with { AlertId = Guid.NewGuid(), SubscriptionId = Given.SubscriptionId, RaisedAt = From.AddHours(1) };
        var views = new[]
        {
            new AlertView(sent, [], [], null),
            new AlertView(held, [], [], null, new AlertHeld(held.AlertId, Given.SubscriptionId, From.AddHours(7), From.AddHours(1))),
        };

        var digest = DigestComposer.Compose(subscription, Day, [], views);
        var text = DigestText.Body(digest, AlertText.Markdown);

        Assert.Equal([held.AlertId, sent.AlertId], digest.Alerts.Select(a => a.AlertId));
        Assert.Equal([true, false], digest.Alerts.Select(a => a.Held));
        Assert.Contains("Alerts: 2 raised, 1 of them held during quiet hours", text);
        Assert.Contains("[held] " + held.Summary, text);
    }
}
