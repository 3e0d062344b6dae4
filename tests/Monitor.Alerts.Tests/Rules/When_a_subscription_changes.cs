using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_a_subscription_changes
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 50_000);
    private static readonly DateTimeOffset T = Given.Anchor.AddMinutes(3);

    [Fact]
    public void Should_fold_its_events_into_its_state()
    {
        var id = Given.SubscriptionId;
        var state = SubscriptionState.Fold([
            new SubscriptionCreated(id, "ana", "SU7", SubscriptionScope.Everything, [Reach], [], null, null, Given.Anchor),
            new SubscriptionRulesChanged(id, [Reach with { Threshold = 10 }], "ana", T),
            new SubscriptionPaused(id, "ana", T),
            new SubscriptionResumed(id, "bob", T),
            new SubscriptionPaused(id, "ana", T),
        ]);

        Assert.True(state.Exists);
        Assert.True(state.Paused);
        Assert.Equal(10, Assert.Single(state.Rules).Threshold);
        Assert.Equal("ana", state.Owner);
        Assert.False(SubscriptionState.Fold([]).Exists);
    }

    [Fact]
    public void Should_raise_nothing_while_paused_and_fire_again_when_resumed()
    {
        var subscription = Given.Subscription(Reach);
        var evaluator = new SubscriptionEvaluator(subscription.Apply(new SubscriptionPaused(Given.SubscriptionId, "ana", T)));

        var paused = evaluator.ObserveAll([Given.Negative(T, 90_000)]);
        evaluator.Update(subscription.Apply(new SubscriptionResumed(Given.SubscriptionId, "ana", T)));
        var resumed = evaluator.ObserveAll([Given.Negative(T.AddMinutes(1), 90_000)]);

        Assert.Empty(paused);
        Assert.Single(resumed);
    }

    [Fact]
    public void Should_start_a_changed_rule_afresh_and_keep_an_unchanged_one()
    {
        var share = new AlertRule("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.4, MinVolume: 3);
        var subscription = Given.Subscription(Reach, share);
        var evaluator = new SubscriptionEvaluator(subscription);
        evaluator.ObserveAll([Given.Negative(T, 90_000), Given.Negative(T, 10)]);

        // The reach rule is unchanged (still cooling down); the share rule now needs 2 items and has lost its window.
        evaluator.Update(subscription.Apply(new SubscriptionRulesChanged(Given.SubscriptionId, [Reach, share with { MinVolume = 2 }], "ana", T)));
        var alerts = evaluator.ObserveAll([Given.Negative(T.AddMinutes(1), 90_000)]);
        var next = evaluator.ObserveAll([Given.Negative(T.AddMinutes(2), 10)]);

        Assert.Empty(alerts);
        Assert.Equal("neg", Assert.Single(next).RuleId);
    }
}
