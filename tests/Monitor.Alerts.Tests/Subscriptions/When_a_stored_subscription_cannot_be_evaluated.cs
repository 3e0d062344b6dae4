using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Alerts.Subscriptions;
using Monitor.Alerts.Tests.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Subscriptions;

public class When_a_stored_subscription_cannot_be_evaluated
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1_000);
    private static readonly DateTimeOffset At = Given.Anchor.AddHours(1);

    private static SubscriptionState Stored(Guid id, SubscriptionScope scope, params AlertRule?[] rules) =>
        SubscriptionState.Fold([new SubscriptionCreated(id, "ana", "old", scope, rules!, null!, null, null, Given.Anchor)]);

    [Fact]
    public void Should_skip_it_report_why_and_keep_evaluating_the_others()
    {
        var registry = new SubscriptionRegistry(NullLogger<SubscriptionRegistry>.Instance);
        var broken = Stored(Guid.NewGuid(), SubscriptionScope.Everything with { RequiredTerms = ["SU7", null!] }, Reach, null);
        var healthy = Stored(Guid.NewGuid(), SubscriptionScope.Everything, Reach);

        registry.Apply(broken, new HistorySpan([], At, At));
        registry.Apply(healthy, new HistorySpan([], At, At));
        var alerts = registry.Observe([Given.Item(At, "negative", -0.8, 5_000, text: "SU7")], Given.Now);

        Assert.Equal(healthy.SubscriptionId, Assert.Single(alerts).SubscriptionId);
        var problem = Assert.Single(registry.Broken()).Problem!;
        Assert.Contains("rules[1]: must not be null", problem);
        Assert.Contains("scope.requiredTerms[1]: must not be empty", problem);
        Assert.Equal(2, registry.All().Count);
        Assert.Empty(Assert.Single(registry.All(), s => s.SubscriptionId == broken.SubscriptionId).Channels);
    }

    [Fact]
    public void Should_read_a_scope_stored_without_a_list_as_empty_and_evaluate_it()
    {
        var registry = new SubscriptionRegistry(NullLogger<SubscriptionRegistry>.Instance);
        var scope = new SubscriptionScope(["weibo"], null!, null!, null!, null!);

        registry.Apply(Stored(Guid.NewGuid(), scope, Reach), new HistorySpan([], At, At));

        Assert.Empty(registry.Broken());
        Assert.Single(registry.Observe([Given.Negative(At, 5_000)], Given.Now));
    }

    [Fact]
    public void Should_evaluate_it_again_once_an_edit_repairs_it()
    {
        var registry = new SubscriptionRegistry(NullLogger<SubscriptionRegistry>.Instance);
        var broken = Stored(Guid.NewGuid(), SubscriptionScope.Everything, Reach with { Window = TimeSpan.Zero });
        registry.Apply(broken, new HistorySpan([], At, At));
        Assert.Empty(registry.Observe([Given.Negative(At, 5_000)], Given.Now));

        var repaired = broken.Apply(new SubscriptionRulesChanged(broken.SubscriptionId, [Reach], "ana", At));
        registry.Rebuild(repaired, new HistorySpan([], At, At));

        Assert.Empty(registry.Broken());
        Assert.Single(registry.Observe([Given.Negative(At.AddMinutes(1), 5_000)], Given.Now));
    }

    [Fact]
    public void Should_stop_evaluating_and_listing_it_once_archived()
    {
        var registry = new SubscriptionRegistry(NullLogger<SubscriptionRegistry>.Instance);
        var subscription = Stored(Guid.NewGuid(), SubscriptionScope.Everything, Reach);
        registry.Apply(subscription, new HistorySpan([], At, At));

        registry.Apply(subscription.Apply(new SubscriptionArchived(subscription.SubscriptionId, "ana", At)), new HistorySpan([], At, At));

        Assert.Empty(registry.All());
        Assert.Null(registry.Find(subscription.SubscriptionId));
        Assert.Empty(registry.Observe([Given.Negative(At, 5_000)], Given.Now));
    }
}
