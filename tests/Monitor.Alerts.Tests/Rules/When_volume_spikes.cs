using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_volume_spikes
{
    // Twelve prior hourly windows alternating 2 and 4 items: mean 3, σ 1.
    private static readonly int[] Baseline = [2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4];
    private static readonly DateTimeOffset Hour12 = Given.Anchor.AddHours(12);

    private static AlertRule Spike(double k) => new("spike", AlertRuleKinds.VolumeSpike, TimeSpan.FromHours(1), MinVolume: 1, K: k);

    [Fact]
    public void Should_fire_when_the_count_exceeds_mean_plus_k_sigma_of_the_baseline()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Spike(SpikeSensitivity.Balanced)));
        Assert.Empty(evaluator.ObserveAll(Given.HourlyCounts(Baseline)));

        // Threshold 3 + 2·1 = 5: the fifth item is not above it, the sixth is.
        var upToFive = evaluator.ObserveAll(Enumerable.Range(0, 5).Select(i => Given.Item(Hour12.AddMinutes(i))));
        var sixth = evaluator.ObserveAll([Given.Item(Hour12.AddMinutes(6))]);

        Assert.Empty(upToFive);
        var alert = Assert.Single(sixth);
        Assert.Equal(6, alert.Value);
        Assert.Equal(3, alert.Baseline!.Value, 9);
        Assert.Equal(1, alert.StandardDeviation!.Value, 9);
        Assert.Equal(2, alert.K);
        Assert.Equal(5, alert.Threshold, 9);
        Assert.Equal(Hour12, alert.WindowStart);
    }

    [Theory]
    [InlineData(SpikeSensitivity.Sensitive, 5)] // 3 + 1.5 = 4.5: the 5th item
    [InlineData(SpikeSensitivity.Strict, 7)]    // 3 + 3 = 6: the 7th item
    public void Should_fire_at_the_count_each_preset_allows(double k, int firingCount)
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Spike(k)));
        evaluator.ObserveAll(Given.HourlyCounts(Baseline));

        var alerts = new List<(int Count, AlertRaised Alert)>();
        for (var i = 1; i <= 8; i++)
            alerts.AddRange(evaluator.Observe(Given.Item(Hour12.AddMinutes(i)), Given.Now).Select(a => (i, a)));

        Assert.Equal(firingCount, Assert.Single(alerts).Count);
    }

    [Fact]
    public void Should_stay_silent_without_twelve_prior_windows_of_history()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Spike(SpikeSensitivity.Balanced)));

        // History starts in window 1: only 11 windows before window 12.
        var alerts = evaluator.ObserveAll(Given.HourlyCounts([0, .. Baseline[1..]]).Concat(
            Enumerable.Range(0, 20).Select(i => Given.Item(Hour12.AddMinutes(i)))));

        Assert.Empty(alerts);
    }

    [Fact]
    public void Should_count_empty_prior_windows_as_zero()
    {
        var evaluator = new SubscriptionEvaluator(Given.Subscription(Spike(SpikeSensitivity.Balanced)));
        // One item in window 0, then silence: baseline of window 12 = [1, 0 × 11], mean 1/12, σ = √11/12 ≈ 0.2764.
        // Threshold ≈ 0.0833 + 0.5528 = 0.636: the first item of window 12 fires.
        evaluator.ObserveAll([Given.Item(Given.Anchor.AddMinutes(1))]);

        var alert = Assert.Single(evaluator.ObserveAll([Given.Item(Hour12.AddMinutes(1))]));

        Assert.Equal(1.0 / 12, alert.Baseline!.Value, 9);
        Assert.Equal(Math.Sqrt(11) / 12, alert.StandardDeviation!.Value, 9);
    }
}
