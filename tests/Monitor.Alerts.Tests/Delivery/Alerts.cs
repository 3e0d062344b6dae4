using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Delivery;

internal static class Alerts
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static AlertRaised Sample() => new(
        Guid.Parse("a1e77000-0000-5000-8000-000000000001"),
        Guid.Parse("6a1e7e5c-0000-4000-8000-000000000001"),
        "SU7 launch",
        "spike",
        AlertRuleKinds.VolumeSpike,
        new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 28, 13, 0, 0, TimeSpan.Zero),
        Value: 6,
        Threshold: 5,
        Baseline: 3,
        StandardDeviation: 1,
        K: 2,
        Volume: 6,
        new Dictionary<string, int> { ["weibo"] = 4, ["douyin"] = 2 },
        [new AlertMention(Guid.Parse("c0000000-0000-5000-8000-000000000001"), "weibo", "negative", -0.9, 120_000, "https://weibo.com/1/abc")],
        0,
        "Volume spike: 6 items in 1h (baseline 3 ± 1, k=2, threshold 5)",
        Now);
}
