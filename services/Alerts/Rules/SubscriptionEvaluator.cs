using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// Evaluates one subscription's rules continuously: every item in scope is added to each rule's window,
/// and the window it falls in is judged at once (a rule fires as soon as its window tips, not when the
/// window closes). Pure: the caller appends what it returns. Rebuilt after a restart by observing the
/// stored items again; the alert ids are deterministic, so what had fired before re-fires as a no-op.
/// </summary>
public sealed class SubscriptionEvaluator
{
    private const int RememberedTriggers = 1_000;

    private readonly Dictionary<string, RuleState> _rules = new(StringComparer.Ordinal);

    // The alerts each recent item raised. When an item comes again (a batch retried after its append failed),
    // it is not counted twice; it raises the same alerts again instead, whose appends are then no-ops or the
    // first successful ones.
    private readonly Dictionary<Guid, List<AlertRaised>> _raisedBy = new();
    private readonly Queue<Guid> _triggerOrder = new();

    public SubscriptionEvaluator(SubscriptionState subscription)
    {
        Subscription = subscription;
        Update(subscription);
    }

    public SubscriptionState Subscription { get; private set; }

    /// <summary>
    /// Takes a subscription's new state. A rule whose id, kind and window are unchanged keeps its windows
    /// and cooldown; any other rule starts afresh.
    /// </summary>
    public void Update(SubscriptionState subscription)
    {
        Subscription = subscription;
        foreach (var id in _rules.Keys.Where(id => subscription.Rules.All(r => r.RuleId != id)).ToArray())
            _rules.Remove(id);
        foreach (var rule in subscription.Rules)
        {
            if (_rules.TryGetValue(rule.RuleId, out var kept) && kept.Rule == rule) continue;
            _rules[rule.RuleId] = new RuleState(rule, subscription.CreatedAt);
        }
    }

    /// <summary>Counts the item if it is in scope and returns the alerts it raises (none while paused).</summary>
    public IReadOnlyList<AlertRaised> Observe(ScoredItem item, DateTimeOffset now)
    {
        if (!ScopeMatcher.Matches(Subscription.Scope, item)) return [];
        var raised = new List<AlertRaised>();
        foreach (var state in _rules.Values)
        {
            if (state.Add(item) is not { } index)
            {
                raised.AddRange(_raisedBy.GetValueOrDefault(item.CoverageId)?.Where(a => a.RuleId == state.Rule.RuleId) ?? []);
                continue;
            }
            var measurement = Measure(state, index, item);
            if (measurement is null || Subscription.Paused) continue;
            if (state.Cooldown.Admit(item.PublishedAt, index, measurement.Severity) is not { } decision) continue;
            var alert = AlertComposer.Compose(Subscription, state, index, item, measurement, decision.EscalationLevel, now);
            raised.Add(alert);
            Remember(item.CoverageId, alert);
        }
        return raised;
    }

    private void Remember(Guid trigger, AlertRaised alert)
    {
        if (!_raisedBy.TryGetValue(trigger, out var alerts))
        {
            _raisedBy[trigger] = alerts = [];
            _triggerOrder.Enqueue(trigger);
            if (_triggerOrder.Count > RememberedTriggers) _raisedBy.Remove(_triggerOrder.Dequeue());
        }
        alerts.Add(alert);
    }

    private static Measurement? Measure(RuleState state, long index, ScoredItem item)
    {
        var rule = state.Rule;
        var window = state.Window(index);
        if (window is null) return null;
        return rule.Kind switch
        {
            AlertRuleKinds.NegativeReach => RuleConditions.NegativeReach(rule, item),
            AlertRuleKinds.NegativeShare => RuleConditions.NegativeShare(rule, window),
            AlertRuleKinds.VolumeSpike => state.HasBaselineFor(index) ? RuleConditions.VolumeSpike(rule, window, state.BaselineCounts(index)) : null,
            AlertRuleKinds.SentimentDip when state.HasBaselineFor(index) =>
                state.BaselineScores(index) is var (count, sum) ? RuleConditions.SentimentDip(rule, window, count, sum) : null,
            _ => null,
        };
    }
}
