namespace Monitor.Contracts.Alerts;

/// <summary>
/// A rule fired. Appended to <c>alert-{AlertId}</c>; the id is derived from subscription, rule, window and
/// escalation level, so evaluating the same items twice (redelivery, restart) raises nothing new.
/// </summary>
/// <param name="Value">What was measured: the negative share, the count, the average score or the item's reach.</param>
/// <param name="Threshold">What the value was compared with: the floor, mean + k·σ, baseline − drop, the reach threshold.</param>
/// <param name="Baseline">Mean of the prior windows (count for spikes, average score for dips); null for rules without one.</param>
/// <param name="StandardDeviation">σ of the prior windows' counts (volume spikes).</param>
/// <param name="K">The spike's k (volume spikes).</param>
/// <param name="Volume">Items in the window.</param>
/// <param name="EscalationLevel">0 for the first alert of a story; n when the value doubled n times within the cooldown.</param>
/// <param name="Summary">One line a person reads, e.g. "Negative share 62% (floor 40%) over 18 items in 1h".</param>
/// <param name="TriggeredAt">Publication time of the item that tipped the rule: where the rule's cooldown runs from
/// (event time, so a restart and a backtest cool down as live evaluation did). Null in alerts stored before it was kept: the window's start.</param>
public sealed record AlertRaised(
    Guid AlertId,
    Guid SubscriptionId,
    string SubscriptionName,
    string RuleId,
    string Kind,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    double Value,
    double Threshold,
    double? Baseline,
    double? StandardDeviation,
    double? K,
    int Volume,
    IReadOnlyDictionary<string, int> Platforms,
    IReadOnlyList<AlertMention> TopMentions,
    int EscalationLevel,
    string Summary,
    DateTimeOffset RaisedAt,
    DateTimeOffset? TriggeredAt = null);
