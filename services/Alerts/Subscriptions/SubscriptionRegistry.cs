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

    /// <summary>The longest stretch of history a rule looks at: its window, the baseline before it, and its cooldown.</summary>
    public TimeSpan Lookback()
    {
        lock (_gate)
            return _evaluators.Values.SelectMany(e => e.Subscription.Rules)
                .Select(r => r.Window * (r.BaselineWindows + 1) + r.EffectiveCooldown)
                .DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>Adds or updates a subscription; a new one is warmed with history so its baselines are ready at once.</summary>
    public void Apply(SubscriptionState state, IEnumerable<ScoredItem> history)
    {
        lock (_gate)
        {
            if (_evaluators.TryGetValue(state.SubscriptionId, out var existing))
            {
                existing.Update(state);
                return;
            }
            var evaluator = new SubscriptionEvaluator(state);
            // Alerts that history would have raised before the subscription existed are not news to anyone.
            foreach (var item in history) evaluator.Observe(item, DateTimeOffset.MinValue);
            _evaluators[state.SubscriptionId] = evaluator;
        }
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
