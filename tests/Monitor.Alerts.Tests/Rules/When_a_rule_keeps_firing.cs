using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_a_rule_keeps_firing
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 50_000);
    private static readonly DateTimeOffset T = Given.Anchor.AddMinutes(3);

    [Fact]
    public void Should_stay_silent_within_the_cooldown()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Reach));

        var alerts = evaluator.ObserveAll([Given.Negative(T, 60_000), Given.Negative(T.AddMinutes(30), 80_000), Given.Negative(T.AddMinutes(59), 119_000)]);

        Assert.Single(alerts);
    }

    [Fact]
    public void Should_escalate_when_the_value_doubles_within_the_cooldown()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Reach));

        var alerts = evaluator.ObserveAll([Given.Negative(T, 60_000), Given.Negative(T.AddMinutes(30), 120_000), Given.Negative(T.AddMinutes(40), 200_000)]);

        Assert.Equal([0, 1], alerts.Select(a => a.EscalationLevel));
        Assert.StartsWith("Escalation 1: ", alerts[1].Summary);
        Assert.NotEqual(alerts[0].AlertId, alerts[1].AlertId);
    }

    [Fact]
    public void Should_fire_again_once_the_cooldown_has_passed()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Reach with { Cooldown = TimeSpan.FromMinutes(20) }));

        var alerts = evaluator.ObserveAll([Given.Negative(T, 60_000), Given.Negative(T.AddMinutes(19), 60_000), Given.Negative(T.AddMinutes(21), 60_000)]);

        // 00:03 fires; 00:22 is 19 minutes later (cooling down); 00:24 is past the cooldown, in the next 15-minute window.
        Assert.Equal([Given.Anchor, Given.Anchor.AddMinutes(15)], alerts.Select(a => a.WindowStart));
        Assert.All(alerts, a => Assert.Equal(0, a.EscalationLevel));
    }

    [Fact]
    public void Should_alert_for_an_older_story_that_arrives_late_and_keep_cooling_down_the_latest()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Reach));

        // 10:03 alerts; an item published at 08:03 arrives next (a feed catching up): another story, two hours
        // earlier; then 10:20 is still within the cooldown of 10:03 and stays silent; 08:10 is the 08:03 story again.
        var alerts = evaluator.ObserveAll([
            Given.Negative(T.AddHours(10), 60_000), Given.Negative(T.AddHours(8), 60_000),
            Given.Negative(T.AddHours(10).AddMinutes(17), 60_000), Given.Negative(T.AddHours(8).AddMinutes(7), 60_000)]);

        Assert.Equal([Given.Anchor.AddHours(10), Given.Anchor.AddHours(8)], alerts.Select(a => a.WindowStart));
    }

    [Fact]
    public void Should_alert_once_per_window_for_a_window_rule()
    {
        var share = new AlertRule("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(24), Threshold: 0.4, MinVolume: 1);
        var evaluator = new SubscriptionEvaluator(Given.Subscription(share));

        // Negative all day long: the cooldown (60 min) passes many times, but the 24h window alerts once.
        var alerts = evaluator.ObserveAll(Enumerable.Range(0, 20).Select(i => Given.Negative(Given.Anchor.AddHours(i))));

        Assert.Single(alerts);
    }
}
