using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_negative_share_rises
{
    private static readonly AlertRule Rule = new("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.4, MinVolume: 5);

    [Fact]
    public void Should_fire_when_the_window_reaches_the_minimum_volume_above_the_floor()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Rule));
        var t = Given.Anchor.AddMinutes(5);

        // 3 negatives alone are a share of 1.0 but only 3 items; the 5th item makes 3/5 = 0.6 > 0.4.
        var before = evaluator.ObserveAll([Given.Negative(t), Given.Negative(t.AddMinutes(1)), Given.Negative(t.AddMinutes(2)), Given.Positive(t.AddMinutes(3))]);
        var alerts = evaluator.ObserveAll([Given.Positive(t.AddMinutes(4))]);

        Assert.Empty(before);
        var alert = Assert.Single(alerts);
        Assert.Equal(0.6, alert.Value, 9);
        Assert.Equal(0.4, alert.Threshold);
        Assert.Equal(5, alert.Volume);
        Assert.Equal(Given.Anchor, alert.WindowStart);
        Assert.Equal(Given.Anchor.AddHours(1), alert.WindowEnd);
        Assert.Equal(5, alert.Platforms["weibo"]);
        Assert.Equal("Negative share 60% (floor 40%) over 5 items in 1h", alert.Summary);
    }

    [Fact]
    public void Should_stay_silent_at_or_below_the_floor()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Rule));
        var t = Given.Anchor.AddMinutes(5);

        // 2 of 5 is exactly the floor: not above it.
        var alerts = evaluator.ObserveAll([Given.Positive(t), Given.Positive(t), Given.Positive(t), Given.Negative(t), Given.Negative(t)]);

        Assert.Empty(alerts);
    }

    [Fact]
    public void Should_list_the_negative_mentions_with_the_largest_reach_first()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Rule));
        var t = Given.Anchor.AddMinutes(5);
        var small = Given.Negative(t, reach: 10);
        var large = Given.Negative(t, reach: 9_000);
        var positive = Given.Positive(t, reach: 50_000);

        var alert = Assert.Single(evaluator.ObserveAll([small, large, positive, Given.Negative(t, reach: 500), Given.Positive(t, reach: 1)]));

        Assert.Equal(large.CoverageId, alert.TopMentions[0].CoverageId);
        Assert.Equal(9_000, alert.TopMentions[0].Reach);
        Assert.Equal(500, alert.TopMentions[1].Reach);
        Assert.Equal(10, alert.TopMentions[2].Reach);
        Assert.Equal(positive.CoverageId, alert.TopMentions[3].CoverageId);
        Assert.Equal(large.Url, alert.TopMentions[0].Url);
    }
}
