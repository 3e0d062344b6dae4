using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

/// <summary>Subscriptions and items for rule tests. Windows are aligned on <see cref="Anchor"/>.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Anchor = new(2026, 3, 28, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
    public static readonly Guid SubscriptionId = Guid.Parse("6a1e7e5c-0000-4000-8000-000000000001");

    public static SubscriptionState Subscription(params AlertRule[] rules) => Subscription(SubscriptionScope.Everything, rules);

    public static SubscriptionState Subscription(SubscriptionScope scope, params AlertRule[] rules) =>
        SubscriptionState.Fold([new SubscriptionCreated(SubscriptionId, "ana", "SU7 launch", scope, rules, [], null, null, Anchor)]);

    public static ScoredItem Item(DateTimeOffset at, string label = SentimentLabels.Neutral, double score = 0, long reach = 100,
        string platform = PlatformNames.Weibo, string[]? entities = null, string? text = null, string? language = null) =>
        new(Guid.NewGuid(), platform, at, label, score, reach, entities ?? ["xiaomi-su7"], language, text, $"https://example.test/{Guid.NewGuid():N}");

    public static ScoredItem Negative(DateTimeOffset at, long reach = 100, double score = -0.8) => Item(at, SentimentLabels.Negative, score, reach);

    public static ScoredItem Positive(DateTimeOffset at, long reach = 100, double score = 0.8) => Item(at, SentimentLabels.Positive, score, reach);

    /// <summary>Feeds items and collects every alert raised along the way.</summary>
    public static List<AlertRaised> ObserveAll(this SubscriptionEvaluator evaluator, IEnumerable<ScoredItem> items) =>
        items.SelectMany(i => evaluator.Observe(i, Now)).ToList();

    /// <summary><paramref name="counts"/>[i] neutral items in hourly window i (from the anchor), spread over the hour.</summary>
    public static IEnumerable<ScoredItem> HourlyCounts(IReadOnlyList<int> counts, double score = 0)
    {
        for (var w = 0; w < counts.Count; w++)
            for (var i = 0; i < counts[w]; i++)
                yield return Item(Anchor.AddHours(w).AddMinutes(1 + i), score: score);
    }
}
