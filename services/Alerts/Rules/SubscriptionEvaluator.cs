using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// Evaluates one subscription's rules: every item in scope is added to each rule's window, and the window it
/// falls in is judged at once (a rule fires as soon as its window tips, not when the window closes).
/// The one evaluation path of live evaluation, the replay at start and the backtest.
/// <para>
/// Deterministic: items are judged in <see cref="ScoredItem.CanonicalOrder"/> (publication time, then id) whatever
/// order they arrive in. A batch is sorted first; an item that arrives after one published later makes its rule
/// judge the windows it changes again, item by item in that order, as if it had arrived in time. Only alerts
/// actually raised cool a rule down (<see cref="Remember"/> takes those read back from the log), and a raised alert
/// is never taken back. Pure: the caller appends what it returns.
/// </para>
/// </summary>
public sealed class SubscriptionEvaluator
{
    private const int RememberedTriggers = 1_000;

    private readonly Dictionary<string, RuleState> _rules = new(StringComparer.Ordinal);
    private readonly EvaluationBounds _bounds;

    // The alerts each recent item raised. When an item comes again (a batch retried after its append failed),
    // it is not counted twice; it raises the same alerts again instead, whose appends are then no-ops or the
    // first successful ones.
    private readonly Dictionary<Guid, List<AlertRaised>> _raisedBy = new();
    private readonly Queue<Guid> _triggerOrder = new();

    public SubscriptionEvaluator(SubscriptionState subscription, EvaluationBounds? bounds = null)
    {
        _bounds = bounds ?? EvaluationBounds.All;
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

    /// <summary>An alert this subscription raised (read back from the log): it cools its rule down.</summary>
    public void Remember(AlertRaised alert)
    {
        if (alert.SubscriptionId == Subscription.SubscriptionId && _rules.TryGetValue(alert.RuleId, out var state))
            state.Cooldown.Record(RaisedAlert.Of(alert));
    }

    /// <summary>
    /// Counts the items in scope, in canonical order, and returns the alerts they raise. Sorted, a batch's late items
    /// (published before one already judged) come first: a rule that has any judges its windows again from the
    /// earliest one they changed, once for the batch.
    /// </summary>
    public IReadOnlyList<AlertRaised> Observe(IEnumerable<ScoredItem> items, DateTimeOffset now)
    {
        var inScope = items.Where(i => ScopeMatcher.Matches(Subscription.Scope, i)).Order(ScoredItem.CanonicalOrder).ToArray();
        var raised = new List<AlertRaised>();
        if (inScope.Length == 0) return raised;
        foreach (var state in _rules.Values)
        {
            long? judgeAgainFrom = null;
            foreach (var item in inScope)
            {
                var late = state.IsLate(item);
                if (state.Add(item) is not { } index)
                    raised.AddRange(_raisedBy.GetValueOrDefault(item.CoverageId)?.Where(a => a.RuleId == state.Rule.RuleId) ?? []);
                else if (late && state.JudgesWindows)
                    judgeAgainFrom ??= index;
                else if (judgeAgainFrom is null)
                    // In time, the item is the last of its window: the window as it stands is what the order would give.
                    Judge(state, index, state.Window(index)!, item, now, raised);
            }
            if (judgeAgainFrom is not { } from) continue;
            foreach (var affected in state.JudgedAgainFrom(from))
            {
                var prefix = new WindowBucket();
                foreach (var member in state.Window(affected)!.Items)
                {
                    prefix.Add(member);
                    Judge(state, affected, prefix, member, now, raised);
                }
            }
        }
        return raised;
    }

    /// <summary>Counts the item if it is in scope and returns the alerts it raises.</summary>
    public IReadOnlyList<AlertRaised> Observe(ScoredItem item, DateTimeOffset now) => Observe([item], now);

    /// <summary>Judges the window as it stood when <paramref name="trigger"/> was its last item; raises what is due.</summary>
    private void Judge(RuleState state, long index, WindowBucket window, ScoredItem trigger, DateTimeOffset now, List<AlertRaised> raised)
    {
        if (!MayRaise(state, index, trigger)) return;
        if (Measure(state, index, window, trigger) is not { } measurement) return;
        var start = state.Clock.StartOf(index);
        if (state.Cooldown.Admit(trigger.PublishedAt, start, measurement.Severity) is not { } level) return;
        var alert = AlertComposer.Compose(Subscription, state, index, window, trigger, measurement, level,
            _bounds.Hypothetical ? trigger.PublishedAt : now);
        state.Cooldown.Record(RaisedAlert.Of(alert));
        raised.Add(alert);
        RememberTrigger(trigger.CoverageId, alert);
    }

    /// <summary>
    /// Alerts are raised for items published after the subscription (or its last change of rules or scope) began,
    /// outside its pauses, in windows seen whole; the rest only count.
    /// </summary>
    private bool MayRaise(RuleState state, long index, ScoredItem trigger)
    {
        if (state.ReadsFrom(index) < _bounds.HistoryStart) return false;
        if (_bounds.Hypothetical) return true;
        return trigger.PublishedAt >= Subscription.EvaluatesFrom && !Subscription.IsPausedAt(trigger.PublishedAt);
    }

    private void RememberTrigger(Guid trigger, AlertRaised alert)
    {
        if (!_raisedBy.TryGetValue(trigger, out var alerts))
        {
            _raisedBy[trigger] = alerts = [];
            _triggerOrder.Enqueue(trigger);
            if (_triggerOrder.Count > RememberedTriggers) _raisedBy.Remove(_triggerOrder.Dequeue());
        }
        alerts.Add(alert);
    }

    private static Measurement? Measure(RuleState state, long index, WindowBucket window, ScoredItem item)
    {
        var rule = state.Rule;
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
