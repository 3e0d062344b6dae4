using Monitor.Alerts.Backtest;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_backtesting_a_subscription
{
    private static readonly AlertRule Spike = new("spike", AlertRuleKinds.VolumeSpike, TimeSpan.FromHours(1), K: SpikeSensitivity.Balanced);
    private static readonly int[] Baseline = [2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4];

    [Fact]
    public void Should_list_the_alerts_the_rules_would_have_raised_from_the_start_on()
    {
        // Window 12 holds 6 items (> 3 + 2·1 = 5): one spike. History before the start only warms the baseline.
        var history = Given.HourlyCounts([.. Baseline, 6]).ToArray();

        var alerts = BacktestRun.Run(Given.Subscription(Spike), history, Given.Anchor.AddHours(12), Given.Anchor.AddHours(13));

        var alert = Assert.Single(alerts);
        Assert.Equal(6, alert.Value);
        Assert.Equal(Given.Anchor.AddHours(12), alert.WindowStart);
        Assert.Equal(Given.Anchor.AddHours(12).AddMinutes(6), alert.RaisedAt);
    }

    [Fact]
    public void Should_raise_nothing_before_the_start_or_from_the_end_on()
    {
        var history = Given.HourlyCounts([.. Baseline, 6]).ToArray();

        Assert.Empty(BacktestRun.Run(Given.Subscription(Spike), history, Given.Anchor.AddHours(13), Given.Anchor.AddHours(20)));
        Assert.Empty(BacktestRun.Run(Given.Subscription(Spike), history, Given.Anchor, Given.Anchor.AddHours(12)));
    }

    [Fact]
    public void Should_evaluate_a_paused_subscription_as_if_live()
    {
        var paused = Given.Subscription(Spike) with { Paused = true };

        Assert.Single(BacktestRun.Run(paused, Given.HourlyCounts([.. Baseline, 6]), Given.Anchor, Given.Anchor.AddDays(1)));
    }

    [Fact]
    public void Should_refuse_an_end_before_the_start()
    {
        var error = Assert.Throws<ArgumentException>(() => BacktestRun.Run(Given.Subscription(Spike), [], Given.Anchor, Given.Anchor));

        Assert.StartsWith("the backtest's end (2026-03-28T00:00:00.0000000+00:00) must come after its start", error.Message);
    }
}
