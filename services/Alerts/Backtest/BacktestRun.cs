using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Backtest;

/// <summary>
/// Runs a subscription's rules over stored history and lists the alerts they would have raised, delivering
/// nothing, so staff can tune thresholds before a subscription goes live. Items before <paramref name="from"/>
/// only warm the windows and baselines; alerts count from <paramref name="from"/> on. Event time is each
/// item's PublishedAt, so the result is what live evaluation would have raised over the same items.
/// </summary>
public static class BacktestRun
{
    public static IReadOnlyList<AlertRaised> Run(SubscriptionState subscription, IEnumerable<ScoredItem> history, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) throw new ArgumentException($"the backtest's end ({to:O}) must come after its start ({from:O})", nameof(to));
        var evaluator = new SubscriptionEvaluator(subscription with { Paused = false });
        var raised = new List<AlertRaised>();
        foreach (var item in history.Where(i => i.PublishedAt < to).OrderBy(i => i.PublishedAt))
        {
            var alerts = evaluator.Observe(item, item.PublishedAt);
            if (item.PublishedAt >= from) raised.AddRange(alerts);
        }
        return raised;
    }

    /// <summary>How far before the start history is needed to fill every rule's baseline and cooldown.</summary>
    public static TimeSpan WarmUp(SubscriptionState subscription) =>
        subscription.Rules.Select(r => r.Window * (r.BaselineWindows + 1) + r.EffectiveCooldown).DefaultIfEmpty(TimeSpan.Zero).Max();
}
