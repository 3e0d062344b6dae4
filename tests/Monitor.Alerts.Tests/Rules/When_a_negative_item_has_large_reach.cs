using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_a_negative_item_has_large_reach
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 50_000);

    [Fact]
    public void Should_fire_at_once_with_the_item_as_its_mention()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Reach));
        var item = Given.Negative(Given.Anchor.AddMinutes(3), reach: 120_000);

        var alert = Assert.Single(evaluator.Observe(item, Given.Now));

        Assert.Equal(120_000, alert.Value);
        Assert.Equal(50_000, alert.Threshold);
        Assert.Equal(item.CoverageId, Assert.Single(alert.TopMentions).CoverageId);
        Assert.Equal(item.Url, alert.TopMentions[0].Url);
        Assert.Equal(Given.Now, alert.RaisedAt);
    }

    [Fact]
    public void Should_ignore_positive_items_and_negative_items_below_the_threshold()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Reach));
        var t = Given.Anchor.AddMinutes(3);

        var alerts = evaluator.ObserveAll([Given.Positive(t, reach: 10_000_000), Given.Negative(t, reach: 49_999)]);

        Assert.Empty(alerts);
    }
}
