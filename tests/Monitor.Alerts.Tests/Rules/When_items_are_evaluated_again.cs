using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_items_are_evaluated_again
{
    [Fact]
    public void Should_raise_alerts_with_the_same_ids_after_a_restart()
    {
        var rules = new[]
        {
            new AlertRule("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.4, MinVolume: 2),
            new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1_000),
        };
        var t = Given.Anchor.AddMinutes(10);
        var items = new[] { Given.Negative(t, 5_000), Given.Negative(t.AddMinutes(1)), Given.Positive(t.AddMinutes(2)) };

        var live = new SubscriptionEvaluator(Given.Subscription(rules)).ObserveAll(items);
        var rebuilt = new SubscriptionEvaluator(Given.Subscription(rules)).ObserveAll(items);

        Assert.Equal(2, live.Count);
        Assert.Equal(live.Select(a => a.AlertId), rebuilt.Select(a => a.AlertId));
    }

    [Fact]
    public void Should_align_windows_on_the_subscription()
    {
        var clock = new WindowClock(Given.Anchor.AddMinutes(7), TimeSpan.FromHours(1));

        Assert.Equal(0, clock.IndexOf(Given.Anchor.AddMinutes(7)));
        Assert.Equal(0, clock.IndexOf(Given.Anchor.AddMinutes(66)));
        Assert.Equal(1, clock.IndexOf(Given.Anchor.AddMinutes(67)));
        Assert.Equal(-1, clock.IndexOf(Given.Anchor.AddMinutes(6)));
        Assert.Equal(Given.Anchor.AddMinutes(-53), clock.StartOf(-1));
    }
}

public class When_an_item_comes_again
{
    [Fact]
    public void Should_not_count_it_twice()
    {
        var rule = new AlertRule("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.4, MinVolume: 3);
        var evaluator = new SubscriptionEvaluator(Given.Subscription(rule));
        var negative = Given.Negative(Given.Anchor.AddMinutes(1));

        // Counted once, the window holds 2 items: below the volume of 3.
        var alerts = evaluator.ObserveAll([negative, negative, negative, Given.Positive(Given.Anchor.AddMinutes(2))]);

        Assert.Empty(alerts);
    }

    [Fact]
    public void Should_raise_the_same_alert_again_so_a_failed_append_can_be_retried()
    {
        var rule = new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1_000);
        var evaluator = new SubscriptionEvaluator(Given.Subscription(rule));
        var item = Given.Negative(Given.Anchor.AddMinutes(1), reach: 5_000);

        var first = Assert.Single(evaluator.Observe(item, Given.Now));
        var again = Assert.Single(evaluator.Observe(item, Given.Now));

        Assert.Equal(first.AlertId, again.AlertId);
        Assert.Empty(evaluator.Observe(Given.Negative(Given.Anchor.AddMinutes(2), reach: 5_000), Given.Now));
    }
}
