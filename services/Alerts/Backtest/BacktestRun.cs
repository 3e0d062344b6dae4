using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Backtest;

/// <summary>
/// Runs a subscription's rules over stored history and lists the alerts they would have raised, delivering
/// nothing, so staff can tune thresholds before a subscription goes live. Items before <paramref name="from"/>
/// only warm the windows, baselines and cooldowns; alerts count from <paramref name="from"/> on. The evaluator is
/// live evaluation's, over the items in canonical order, so the result is what live evaluation raises over the same
/// items (pauses and the subscription's creation aside: a backtest asks what the rules would have done).
/// </summary>
public static class BacktestRun
{
    public static IReadOnlyList<AlertRaised> Run(SubscriptionState subscription, IEnumerable<ScoredItem> history, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) throw new ArgumentException($"the backtest's end ({to:O}) must come after its start ({from:O})", nameof(to));
        var evaluator = new SubscriptionEvaluator(subscription, new EvaluationBounds(Earliest(from, WarmUp(subscription)), Hypothetical: true));
        return evaluator.Observe(history.Where(i => i.PublishedAt < to), DateTimeOffset.MinValue)
            .Where(a => (a.TriggeredAt ?? a.WindowStart) >= from)
            .ToArray();
    }

    /// <summary>How far before the start history is needed to fill every rule's baseline and cooldown.</summary>
    public static TimeSpan WarmUp(SubscriptionState subscription) => SubscriptionRegistry.LookbackOf(subscription);

    /// <summary>Where the history a backtest from <paramref name="from"/> reads begins.</summary>
    public static DateTimeOffset Earliest(DateTimeOffset from, TimeSpan warmUp) =>
        from - DateTimeOffset.MinValue > warmUp ? from - warmUp : DateTimeOffset.MinValue;
}
