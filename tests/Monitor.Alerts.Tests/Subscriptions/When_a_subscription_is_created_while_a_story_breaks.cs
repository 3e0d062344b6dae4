using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Alerts.Tests.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Subscriptions;

public class When_a_subscription_is_created_while_a_story_breaks
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 50_000);
    private static readonly AlertRule Share = new("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.5, MinVolume: 3);

    // The story broke at 09:50; the subscription is created at 10:00 (Given.Anchor + 10h).
    private static readonly DateTimeOffset Created = Given.Anchor.AddHours(10);

    private static SubscriptionState CreatedAt(DateTimeOffset at, params AlertRule[] rules) =>
        Given.Subscription(rules) with { CreatedAt = at, EvaluatesFrom = at };

    private static IReadOnlyList<ScoredItem> Story() =>
    [
        Given.Negative(Created.AddMinutes(-10), 90_000),
        Given.Negative(Created.AddMinutes(-9)),
        Given.Negative(Created.AddMinutes(-8)),
        Given.Negative(Created.AddMinutes(-7)),
    ];

    [Fact]
    public void Should_alert_on_the_next_qualifying_item_not_stay_silent_for_the_cooldown()
    {
        var registry = new SubscriptionRegistry(NullLogger<SubscriptionRegistry>.Instance);

        // Counting the story from before the subscription began raises nothing, and what it did not raise cools nothing down.
        var counted = registry.Apply(CreatedAt(Created, Reach, Share), new HistorySpan(Story(), Created.AddHours(-14), Created));
        var next = registry.Observe([Given.Negative(Created.AddMinutes(2), 80_000), Given.Negative(Created.AddMinutes(3)),
            Given.Negative(Created.AddMinutes(4))], Given.Now);

        Assert.Empty(counted);
        Assert.Equal(["neg", "reach"], next.Select(a => a.RuleId).Order());
        Assert.All(next, a => Assert.Equal(0, a.EscalationLevel));
        Assert.Equal(Created.AddMinutes(2), next.Single(a => a.RuleId == "reach").TriggeredAt);
        Assert.Equal(3, next.Single(a => a.RuleId == "neg").Volume);
    }

    [Fact]
    public void Should_cool_down_after_the_alerts_it_raised_itself()
    {
        var registry = new SubscriptionRegistry(NullLogger<SubscriptionRegistry>.Instance);
        registry.Apply(CreatedAt(Created, Reach), new HistorySpan(Story(), Created.AddHours(-14), Created));

        var first = registry.Observe([Given.Negative(Created.AddMinutes(2), 80_000)], Given.Now);
        var second = registry.Observe([Given.Negative(Created.AddMinutes(20), 80_000)], Given.Now);

        Assert.Single(first);
        Assert.Empty(second);
    }
}
