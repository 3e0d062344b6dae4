using System.Globalization;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>Writes what fired as an AlertRaised: the numbers, the platforms, the top mentions and a line a person reads.</summary>
public static class AlertComposer
{
    public static AlertRaised Compose(
        SubscriptionState subscription, RuleState state, long index, WindowBucket window, ScoredItem trigger, Measurement m, int level,
        DateTimeOffset now)
    {
        var rule = state.Rule;
        var start = state.Clock.StartOf(index);
        var single = rule.Kind == AlertRuleKinds.NegativeReach;
        var id = single
            ? AlertIds.ForItem(subscription.SubscriptionId, rule.RuleId, trigger.CoverageId, level)
            : AlertIds.ForWindow(subscription.SubscriptionId, rule.RuleId, start, level);
        var mentions = single
            ? [trigger]
            : window.TopMentions(negativeFirst: rule.Kind != AlertRuleKinds.VolumeSpike);
        var platforms = single
            ? new Dictionary<string, int> { [trigger.Platform] = 1 }
            : window.Platforms.ToDictionary(p => p.Key, p => p.Value);

        return new AlertRaised(
            id,
            subscription.SubscriptionId,
            subscription.Name,
            rule.RuleId,
            rule.Kind,
            start,
            state.Clock.EndOf(index),
            m.Value,
            m.Threshold,
            m.Baseline,
            m.StandardDeviation,
            m.K,
            window.Count,
            platforms,
            mentions.Select(i => new AlertMention(i.CoverageId, i.Platform, i.Label, i.Score, i.Reach, i.Url)).ToArray(),
            level,
            Summarize(rule, m, window.Count, level),
            now,
            trigger.PublishedAt);
    }

    public static string Summarize(AlertRule rule, Measurement m, int volume, int level)
    {
        var c = CultureInfo.InvariantCulture;
        var span = Span(rule.Window);
        var line = rule.Kind switch
        {
            AlertRuleKinds.NegativeShare => string.Format(c, "Negative share {0:0%} (floor {1:0%}) over {2} items in {3}", m.Value, m.Threshold, volume, span),
            AlertRuleKinds.VolumeSpike => string.Format(c, "Volume spike: {0} items in {1} (baseline {2:0.#} ± {3:0.#}, k={4}, threshold {5:0.#})",
                volume, span, m.Baseline, m.StandardDeviation, m.K, m.Threshold),
            AlertRuleKinds.SentimentDip => string.Format(c, "Sentiment dip: average {0:0.00} in {1} against baseline {2:0.00} (drop {3:0.00} ≥ {4:0.00}) over {5} items",
                m.Value, span, m.Baseline, m.Severity, rule.Threshold, volume),
            AlertRuleKinds.NegativeReach => string.Format(c, "Negative item with reach {0:N0} (threshold {1:N0})", m.Value, m.Threshold),
            _ => rule.Kind,
        };
        return level > 0 ? $"Escalation {level}: {line}" : line;
    }

    private static string Span(TimeSpan window) =>
        window.TotalHours >= 1 && window.Minutes == 0 ? $"{window.TotalHours:0}h" : $"{window.TotalMinutes:0}m";
}
