using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Every subscription's evaluator, in memory. One lock guards them: evaluation is cheap arithmetic, and one
/// order of observation keeps cooldowns and escalations the same however batches interleave.
/// </summary>
public sealed class SubscriptionRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, SubscriptionEvaluator> _evaluators = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once subscriptions and recent history are loaded; consumers wait for it.</summary>
    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();

    public IReadOnlyList<SubscriptionState> All()
    {
        lock (_gate) return _evaluators.Values.Select(e => e.Subscription).ToArray();
    }

    public SubscriptionState? Find(Guid id)
    {
        lock (_gate) return _evaluators.GetValueOrDefault(id)?.Subscription;
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

    /// <summary>Adds or updates a subscription; a new one is warmed with history so its baselines are ready at once.</summary>
    public void Apply(SubscriptionState state, IEnumerable<ScoredItem> history)
    {
        lock (_gate)
        {
            if (_evaluators.TryGetValue(state.SubscriptionId, out var existing))
            {
                // Two edits may finish out of order; the state with the higher stream version wins.
                if (state.Version >= existing.Subscription.Version) existing.Update(state);
                return;
            }
            _evaluators[state.SubscriptionId] = Warmed(state, history);
        }
    }

    /// <summary>Replaces a subscription's evaluator with one counted afresh from history (its rules or scope changed).</summary>
    public void Rebuild(SubscriptionState state, IEnumerable<ScoredItem> history)
    {
        var evaluator = Warmed(state, history);
        lock (_gate)
        {
            if (_evaluators.TryGetValue(state.SubscriptionId, out var existing) && existing.Subscription.Version > state.Version) return;
            _evaluators[state.SubscriptionId] = evaluator;
        }
    }

    private static SubscriptionEvaluator Warmed(SubscriptionState state, IEnumerable<ScoredItem> history)
    {
        var evaluator = new SubscriptionEvaluator(state);
        // What history would have raised is either stored already or not news to anyone; it only sets windows and cooldowns.
        foreach (var item in history) evaluator.Observe(item, DateTimeOffset.MinValue);
        return evaluator;
    }

    /// <summary>Evaluates items in order against every subscription; an alert whose trigger predates its subscription is dropped.</summary>
    public IReadOnlyList<AlertRaised> Observe(IEnumerable<ScoredItem> items, DateTimeOffset now)
    {
        var raised = new List<AlertRaised>();
        lock (_gate)
            foreach (var item in items)
                foreach (var evaluator in _evaluators.Values)
                    raised.AddRange(evaluator.Observe(item, now)
                        .Where(_ => item.PublishedAt >= evaluator.Subscription.CreatedAt));
        return raised;
    }
}
