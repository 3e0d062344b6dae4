using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_rules_are_validated
{
    [Fact]
    public void Should_name_each_wrong_field()
    {
        AlertRule[] rules =
        [
            new("a", AlertRuleKinds.VolumeSpike, TimeSpan.FromMinutes(10), BaselineWindows: 6),
            new("a", "loud", TimeSpan.FromHours(1)),
            new("c", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 1.5),
        ];

        var problems = RuleValidation.Problems(rules, SubscriptionScope.Everything with { Platforms = ["myspace"] });

        Assert.Contains("rules: ruleId 'a' is used more than once", problems);
        Assert.Contains("rules[0].window: 00:10:00 is outside 00:15:00..1.00:00:00", problems);
        Assert.Contains("rules[0].baselineWindows: 6 is fewer than 12", problems);
        Assert.Contains(problems, p => p.StartsWith("rules[1].kind: 'loud' is not one of"));
        Assert.Contains("rules[2].threshold: the negative-share floor 1.5 must lie between 0 and 1", problems);
        Assert.Contains(problems, p => p.StartsWith("scope.platforms: 'myspace'"));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Should_accept_valid_rules_and_read_spike_presets()
    {
        var rule = new AlertRule("spike", AlertRuleKinds.VolumeSpike, TimeSpan.FromMinutes(15), K: SpikeSensitivity.Parse("Strict")!.Value);

        Assert.Empty(RuleValidation.Problems([rule], SubscriptionScope.Everything));
        Assert.Equal(3, rule.K);
        Assert.Equal(1.5, SpikeSensitivity.Parse("sensitive"));
        Assert.Null(SpikeSensitivity.Parse("paranoid"));
    }
}
