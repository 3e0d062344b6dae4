using Monitor.Alerts.Backtest;
using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_items_arrive_out_of_order
{
    private static readonly AlertRule Share = new("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.5, MinVolume: 2);
    private static readonly AlertRule Spike = new("spike", AlertRuleKinds.VolumeSpike, TimeSpan.FromHours(1), K: SpikeSensitivity.Balanced);
    private static readonly DateTimeOffset Hour12 = Given.Anchor.AddHours(12);

    [Fact]
    public void Should_judge_a_window_in_publication_order_when_its_first_items_come_last()
    {
        // Published: negative 12:01, negative 12:02, then three positives. In that order the share is 100% at the second
        // item: an alert. Arriving positives first, the share never passes 50% as items come; judged again in order, it does.
        var negatives = new[] { Given.Negative(Hour12.AddMinutes(1)), Given.Negative(Hour12.AddMinutes(2)) };
        var positives = Enumerable.Range(3, 3).Select(m => Given.Positive(Hour12.AddMinutes(m))).ToArray();
        var inOrder = new SubscriptionEvaluator(Given.Subscription(Share)).ObserveAll([.. negatives, .. positives]);

        var late = new SubscriptionEvaluator(Given.Subscription(Share)).ObserveAll([.. positives, .. negatives]);

        var alert = Assert.Single(inOrder);
        Assert.Equal(alert.AlertId, Assert.Single(late).AlertId);
        Assert.Equal(Hour12.AddMinutes(2), Assert.Single(late).TriggeredAt);
    }

    [Fact]
    public void Should_raise_the_same_alerts_whatever_the_order_within_a_batch()
    {
        var items = Given.HourlyCounts([2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 7]).ToArray();
        var expected = new SubscriptionEvaluator(Given.Subscription(Spike)).ObserveAll(items).Select(a => a.AlertId).ToArray();

        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var shuffled = items.OrderBy(_ => random.Next()).ToArray();
            var alerts = new SubscriptionEvaluator(Given.Subscription(Spike)).Observe(shuffled, Given.Now);
            Assert.Equal(expected, alerts.Select(a => a.AlertId));
        }
        Assert.Single(expected);
    }

    [Fact]
    public void Should_judge_the_windows_a_late_baseline_item_belongs_to_again()
    {
        // Window 12 holds 5 items against a baseline of mean 3, σ 1 (threshold 5): no spike. A late item of window 0
        // arrives: the baseline is now [3, 4, 2, ...], mean 3.08, σ 0.95, threshold 4.99: window 12 spikes, judged again.
        var baseline = Given.HourlyCounts([2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 5]).ToArray();
        var lateItem = Given.Item(Given.Anchor.AddMinutes(30));
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Spike));
        Assert.Empty(evaluator.ObserveAll(baseline));

        var alerts = evaluator.ObserveAll([lateItem]);

        var canonical = BacktestRun.Run(Given.Subscription(Spike), [.. baseline, lateItem], Given.Anchor, Given.Anchor.AddDays(1));
        Assert.Equal(Assert.Single(canonical).AlertId, Assert.Single(alerts).AlertId);
        Assert.Equal(Hour12, alerts[0].WindowStart);
    }

    [Fact]
    public void Should_judge_the_items_in_time_of_a_batch_that_also_holds_late_ones()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Share));
        evaluator.ObserveAll([Given.Positive(Hour12.AddMinutes(30))]);

        // One batch: a positive published before what was judged (late), then two negatives an hour later (in time).
        var alerts = evaluator.Observe([Given.Positive(Hour12.AddMinutes(10)), Given.Negative(Hour12.AddHours(1).AddMinutes(1)),
            Given.Negative(Hour12.AddHours(1).AddMinutes(2))], Given.Now);

        var alert = Assert.Single(alerts);
        Assert.Equal(Hour12.AddHours(1), alert.WindowStart);
        Assert.Equal(Hour12.AddHours(1).AddMinutes(2), alert.TriggeredAt);
    }

    [Fact]
    public void Should_not_take_back_an_alert_already_raised_and_let_it_cool_the_late_story_down()
    {
        // 10:03 alerts; 09:40 arrives late, 23 minutes before it: the same story, silent; canonically it would have
        // been the first, but a raised alert is not taken back: it is the one that cools the rule down.
        var reach = new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 50_000);
        var evaluator = new SubscriptionEvaluator(Given.Subscription(reach));

        var alerts = evaluator.ObserveAll([Given.Negative(Given.Anchor.AddHours(10).AddMinutes(3), 60_000),
            Given.Negative(Given.Anchor.AddHours(9).AddMinutes(40), 60_000)]);

        Assert.Equal(Given.Anchor.AddHours(10), Assert.Single(alerts).WindowStart);
    }
}
