using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Every subscription's evaluator, in memory. One lock guards them: evaluation is cheap arithmetic. A subscription
/// that cannot be evaluated (stored by an older release with data this one refuses, or failing while it evaluates)
/// is kept with its <see cref="SubscriptionState.Problem"/>, reported and skipped: it never stops the others.
/// </summary>
public sealed class SubscriptionRegistry(ILogger<SubscriptionRegistry> logger)
{
    private const int RememberedAlerts = 1_000;

    private readonly object _gate = new();
    private readonly Dictionary<Guid, SubscriptionState> _states = new();
    private readonly Dictionary<Guid, SubscriptionEvaluator> _evaluators = new();
    // The alerts each subscription raised (live, or read back from the log at start): they cool its rules down
    // when its evaluator is counted afresh.
    private readonly Dictionary<Guid, Queue<AlertRaised>> _raised = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once subscriptions and recent history are loaded; consumers wait for it.</summary>
    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();

    /// <summary>Every subscription not archived, those that cannot be evaluated too (with their problem).</summary>
    public IReadOnlyList<SubscriptionState> All()
    {
        lock (_gate) return _states.Values.Where(s => !s.Archived).ToArray();
    }

    /// <summary>The subscription; null when there is none or it was archived (deleted).</summary>
    public SubscriptionState? Find(Guid id)
    {
        lock (_gate) return _states.GetValueOrDefault(id) is { Archived: false } state ? state : null;
    }

    /// <summary>The subscriptions that cannot be evaluated.</summary>
    public IReadOnlyList<SubscriptionState> Broken()
    {
        lock (_gate) return _states.Values.Where(s => s is { Archived: false, Problem: not null }).ToArray();
    }

    /// <summary>Whether any subscription needs an item's text (terms or languages in its scope).</summary>
    public bool AnyNeedsText()
    {
        lock (_gate) return _evaluators.Values.Any(e => e.Subscription.Scope.NeedsText);
    }

    /// <summary>The longest stretch of history any subscription's rules look at.</summary>
    public TimeSpan Lookback()
    {
        lock (_gate)
            return _evaluators.Values.Select(e => LookbackOf(e.Subscription)).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>The longest stretch of history a subscription's rule looks at: its window, the baseline before it, and its cooldown.</summary>
    public static TimeSpan LookbackOf(SubscriptionState state) =>
        state.Rules.Select(r => r.Window * (r.BaselineWindows + 1) + r.EffectiveCooldown).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>
    /// Adds or updates a subscription. A new one is counted from <paramref name="history"/> so its baselines are ready
    /// at once (see <see cref="Rebuild"/>).
    /// </summary>
    public IReadOnlyList<AlertRaised> Apply(SubscriptionState state, HistorySpan history)
    {
        lock (_gate)
        {
            if (_states.TryGetValue(state.SubscriptionId, out var existing))
            {
                // Two edits may finish out of order; the state with the higher stream version wins.
                if (state.Version < existing.Version) return [];
                if (_evaluators.TryGetValue(state.SubscriptionId, out var evaluator) && !state.Archived)
                {
                    evaluator.Update(state);
                    _states[state.SubscriptionId] = state;
                    return [];
                }
            }
        }
        return Rebuild(state, history);
    }

    /// <summary>
    /// Replaces a subscription's evaluator with one counted afresh from history (its rules or scope changed, or it
    /// was repaired). Items published before the subscription (or the change) began only count; what the others
    /// raise is returned, to be appended as live alerts are.
    /// </summary>
    public IReadOnlyList<AlertRaised> Rebuild(SubscriptionState state, HistorySpan history)
    {
        var (checkedState, evaluator, raised) = Build(state, history);
        lock (_gate)
        {
            if (_states.TryGetValue(state.SubscriptionId, out var existing) && existing.Version > state.Version) return [];
            _states[state.SubscriptionId] = checkedState;
            if (evaluator is null) _evaluators.Remove(state.SubscriptionId);
            else _evaluators[state.SubscriptionId] = evaluator;
            foreach (var alert in raised) Keep(alert);
        }
        return raised;
    }

    /// <summary>
    /// Alerts raised before (read back from the log at start): they cool their rules down as they did live.
    /// </summary>
    public void Remember(IEnumerable<AlertRaised> alerts)
    {
        lock (_gate)
            foreach (var alert in alerts)
            {
                Keep(alert);
                _evaluators.GetValueOrDefault(alert.SubscriptionId)?.Remember(alert);
            }
    }

    /// <summary>
    /// Evaluates the items, in canonical order, against every subscription: live batches, and the start's replay of
    /// recent history. A subscription that fails is reported and skipped until it is edited.
    /// </summary>
    public IReadOnlyList<AlertRaised> Observe(IEnumerable<ScoredItem> items, DateTimeOffset now)
    {
        var ordered = items.Order(ScoredItem.CanonicalOrder).ToArray();
        var raised = new List<AlertRaised>();
        lock (_gate)
            foreach (var (id, evaluator) in _evaluators.ToArray())
            {
                try
                {
                    var alerts = evaluator.Observe(ordered, now);
                    foreach (var alert in alerts) Keep(alert);
                    raised.AddRange(alerts);
                }
                catch (Exception e)
                {
                    _evaluators.Remove(id);
                    _states[id] = _states[id] with { Problem = $"evaluation failed: {e.Message}" };
                    logger.LogError(e, "Subscription {SubscriptionId} cannot be evaluated and is skipped until it is edited: {Problem}",
                        id, _states[id].Problem);
                }
            }
        return raised;
    }

    private (SubscriptionState State, SubscriptionEvaluator? Evaluator, IReadOnlyList<AlertRaised> Raised) Build(
        SubscriptionState state, HistorySpan history)
    {
        state = state with { Problem = null };
        if (state.Archived) return (state, null, []);
        var problems = SubscriptionValidation.Evaluable(state);
        if (problems.Count > 0) return (Broken(state, string.Join("; ", problems)), null, []);
        try
        {
            var evaluator = new SubscriptionEvaluator(state, new EvaluationBounds(history.From));
            lock (_gate)
                foreach (var alert in _raised.GetValueOrDefault(state.SubscriptionId) ?? new Queue<AlertRaised>())
                    evaluator.Remember(alert);
            return (state, evaluator, evaluator.Observe(history.Items, history.Now));
        }
        catch (Exception e)
        {
            return (Broken(state, $"evaluation failed: {e.Message}"), null, []);
        }
    }

    private SubscriptionState Broken(SubscriptionState state, string problem)
    {
        logger.LogError("Subscription {SubscriptionId} ({Name}) cannot be evaluated and is skipped until it is edited: {Problem}",
            state.SubscriptionId, state.Name, problem);
        return state with { Problem = problem };
    }

    private void Keep(AlertRaised alert)
    {
        if (!_raised.TryGetValue(alert.SubscriptionId, out var kept)) _raised[alert.SubscriptionId] = kept = new Queue<AlertRaised>();
        kept.Enqueue(alert);
        if (kept.Count > RememberedAlerts) kept.Dequeue();
    }
}
