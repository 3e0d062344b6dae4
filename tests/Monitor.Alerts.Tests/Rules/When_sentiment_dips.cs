using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_sentiment_dips
{
    private static readonly AlertRule Dip = new("dip", AlertRuleKinds.SentimentDip, TimeSpan.FromHours(1), Threshold: 0.6, MinVolume: 2);

    [Fact]
    public void Should_fire_when_the_average_falls_below_the_baseline_by_the_set_amount()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Dip));
        evaluator.ObserveAll(Given.HourlyCounts(Enumerable.Repeat(1, 12).ToArray(), score: 0.5));
        var hour12 = Given.Anchor.AddHours(12);

        // Window 12: -0.1 then -0.3, average -0.2; baseline 0.5; drop 0.7 >= 0.6. One item alone is below the volume.
        var first = evaluator.ObserveAll([Given.Item(hour12.AddMinutes(1), score: -0.1)]);
        var second = evaluator.ObserveAll([Given.Item(hour12.AddMinutes(2), score: -0.3)]);

        Assert.Empty(first);
        var alert = Assert.Single(second);
        Assert.Equal(-0.2, alert.Value, 9);
        Assert.Equal(0.5, alert.Baseline!.Value, 9);
        Assert.Equal(-0.1, alert.Threshold, 9);
    }

    [Fact]
    public void Should_stay_silent_when_the_drop_is_smaller_than_the_set_amount()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Dip));
        evaluator.ObserveAll(Given.HourlyCounts(Enumerable.Repeat(1, 12).ToArray(), score: 0.5));
        var hour12 = Given.Anchor.AddHours(12);

        // Average 0.0: a drop of 0.5 < 0.6.
        var alerts = evaluator.ObserveAll([Given.Item(hour12.AddMinutes(1), score: 0.1), Given.Item(hour12.AddMinutes(2), score: -0.1)]);

        Assert.Empty(alerts);
    }
}
