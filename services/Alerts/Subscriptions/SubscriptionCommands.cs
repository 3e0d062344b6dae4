using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Startup;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Changes to subscriptions: each appends to <c>subscription-{id}</c> at the version the writer saw (a stale
/// write is refused with <see cref="ConcurrencyException"/>), then updates the evaluators. An edit of a subscription
/// that cannot be evaluated is also its repair: once valid, it is counted afresh from history.
/// </summary>
public sealed class SubscriptionCommands(
    EventStore.EventStore store, SubscriptionRegistry registry, History history, EvaluateScored evaluate, TimeProvider clock)
{
    public async Task<SubscriptionState> CreateAsync(CreateSubscriptionRequest request, string owner, CancellationToken ct)
    {
        var created = new SubscriptionCreated(Guid.NewGuid(), owner, request.Name!.Trim(), request.Scope ?? SubscriptionScope.Everything,
            request.Rules!, request.Channels ?? [], request.QuietHours, request.DigestAt, clock.GetUtcNow(), request.DigestTimeZone);
        await store.AppendAsync(created.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.NoStream,
            [new EventData(Guid.NewGuid(), created)], ct);
        var state = SubscriptionState.Empty.Apply(created);
        await evaluate.AppendAndDeliverAsync(registry.Apply(state, await WarmUpAsync(state, ct)), ct);
        return registry.Find(state.SubscriptionId) ?? state;
    }

    public Task<SubscriptionState> PauseAsync(SubscriptionState state, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionPaused(state.SubscriptionId, by, clock.GetUtcNow()), expected, ct);

    public Task<SubscriptionState> ResumeAsync(SubscriptionState state, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionResumed(state.SubscriptionId, by, clock.GetUtcNow()), expected, ct);

    public Task<SubscriptionState> RenameAsync(SubscriptionState state, string name, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionRenamed(state.SubscriptionId, name.Trim(), by, clock.GetUtcNow()), expected, ct);

    public Task<SubscriptionState> ChangeChannelsAsync(SubscriptionState state, IReadOnlyList<AlertChannel> channels, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionChannelsChanged(state.SubscriptionId, channels, by, clock.GetUtcNow()), expected, ct);

    public Task<SubscriptionState> ChangeQuietHoursAsync(SubscriptionState state, QuietHours? quiet, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionQuietHoursChanged(state.SubscriptionId, quiet, by, clock.GetUtcNow()), expected, ct);

    public Task<SubscriptionState> ChangeDigestAsync(SubscriptionState state, TimeOnly? at, string? timeZone, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionDigestChanged(state.SubscriptionId, at, timeZone, by, clock.GetUtcNow()), expected, ct);

    /// <summary>Deletes it: it raises nothing from now on and is no longer listed; its stream and alerts stay.</summary>
    public Task<SubscriptionState> ArchiveAsync(SubscriptionState state, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionArchived(state.SubscriptionId, by, clock.GetUtcNow()), expected, ct);

    /// <summary>New rules count from the stored history at once, as a new subscription's do.</summary>
    public Task<SubscriptionState> ChangeRulesAsync(SubscriptionState state, IReadOnlyList<AlertRule> rules, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionRulesChanged(state.SubscriptionId, rules, by, clock.GetUtcNow()), expected, ct, rebuild: true);

    /// <summary>The windows are counted again from the stored history under the new scope.</summary>
    public Task<SubscriptionState> ChangeScopeAsync(SubscriptionState state, SubscriptionScope scope, string by, long? expected, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionScopeChanged(state.SubscriptionId, scope, by, clock.GetUtcNow()), expected, ct, rebuild: true);

    /// <param name="expected">The version the caller last saw (If-Match); null: the version this service holds.</param>
    private async Task<SubscriptionState> AppendAsync(SubscriptionState state, object change, long? expected, CancellationToken ct, bool rebuild = false)
    {
        var version = expected ?? state.Version;
        if (version != state.Version) throw new ConcurrencyException(state.SubscriptionId, ExpectedVersion.Exactly(version), state.Version);
        await store.AppendAsync(state.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.Exactly(version),
            [new EventData(Guid.NewGuid(), change)], ct);
        var next = state.Apply(change) with { Problem = null };
        var raised = rebuild || state.Problem is not null
            ? registry.Rebuild(next, await WarmUpAsync(next, ct))
            : registry.Apply(next, new HistorySpan([], clock.GetUtcNow(), clock.GetUtcNow()));
        await evaluate.AppendAndDeliverAsync(raised, ct);
        return registry.Find(next.SubscriptionId) ?? next;
    }

    /// <summary>The history its rules look at; none when it cannot be evaluated (the problem is reported, not thrown).</summary>
    private Task<HistorySpan> WarmUpAsync(SubscriptionState state, CancellationToken ct) =>
        SubscriptionValidation.Evaluable(state).Count > 0
            ? Task.FromResult(new HistorySpan([], clock.GetUtcNow(), clock.GetUtcNow()))
            : history.RecentAsync(SubscriptionRegistry.LookbackOf(state), state.Scope.NeedsText, ct);
}
