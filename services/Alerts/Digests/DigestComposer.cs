using Monitor.Alerts.Raised;
using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Digests;

/// <summary>Writes a subscription's digest from the day's items and alerts. Pure: the worker reads, sends and stores.</summary>
public static class DigestComposer
{
    public const int TopNegativeCount = 5;

    /// <param name="items">Items published in the digest's stretch (any scope: this keeps the subscription's).</param>
    /// <param name="alerts">The subscription's alerts raised in the stretch.</param>
    public static Digest Compose(SubscriptionState subscription, DigestOccurrence occurrence, IEnumerable<ScoredItem> items, IEnumerable<AlertView> alerts)
    {
        var inScope = items
            .Where(i => i.PublishedAt >= occurrence.From && i.PublishedAt < occurrence.To && ScopeMatcher.Matches(subscription.Scope, i))
            .DistinctBy(i => i.CoverageId)
            .ToArray();
        var platforms = inScope
            .GroupBy(i => i.Platform)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SentimentSplit(
                g.Count(i => i.Label == SentimentLabels.Positive),
                g.Count(i => i.Label == SentimentLabels.Neutral),
                g.Count(i => i.Label == SentimentLabels.Negative)));
        var topNegative = inScope
            .Where(i => i.IsNegative)
            .OrderByDescending(i => i.Reach).ThenBy(i => i.Score)
            .Take(TopNegativeCount)
            .Select(i => new AlertMention(i.CoverageId, i.Platform, i.Label, i.Score, i.Reach, i.Url))
            .ToArray();
        var listed = alerts
            .Where(v => v.Alert.SubscriptionId == subscription.SubscriptionId)
            .OrderBy(v => v.Alert.RaisedAt)
            .Select(v => new DigestAlert(v.Alert.AlertId, v.Alert.RuleId, v.Alert.Kind, v.Alert.Summary, v.Alert.RaisedAt, v.Held is not null, v.ReleasedAt))
            .ToArray();
        return new Digest(DigestIds.For(subscription.SubscriptionId, occurrence.Day), subscription.SubscriptionId, subscription.Name,
            occurrence.Day, occurrence.TimeZone, occurrence.From, occurrence.To, inScope.Length, platforms, topNegative, listed);
    }
}
