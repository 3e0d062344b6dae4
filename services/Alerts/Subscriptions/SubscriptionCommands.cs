using Monitor.Alerts.Startup;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Changes to subscriptions: each appends to <c>subscription-{id}</c> at the version the writer saw (a stale
/// write is refused with <see cref="ConcurrencyException"/>), then updates the evaluators.
/// </summary>
public sealed class SubscriptionCommands(EventStore.EventStore store, SubscriptionRegistry registry, History history, TimeProvider clock)
{
    public async Task<SubscriptionState> CreateAsync(CreateSubscriptionRequest request, string owner, CancellationToken ct)
    {
        var created = new SubscriptionCreated(Guid.NewGuid(), owner, request.Name!.Trim(), request.Scope ?? SubscriptionScope.Everything,
            request.Rules!, request.Channels ?? [], request.QuietHours, request.DigestAt, clock.GetUtcNow(), request.DigestTimeZone);
        await store.AppendAsync(created.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.NoStream,
            [new EventData(Guid.NewGuid(), created)], ct);
        var state = SubscriptionState.Empty.Apply(created);
        registry.Apply(state, await WarmUpAsync(state, ct));
        return state;
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
        var next = state.Apply(change);
        if (rebuild) registry.Rebuild(next, await WarmUpAsync(next, ct));
        else registry.Apply(next, []);
        return next;
    }

    private Task<IReadOnlyList<Rules.ScoredItem>> WarmUpAsync(SubscriptionState state, CancellationToken ct) =>
        history.RecentScoredAsync(SubscriptionRegistry.LookbackOf(state), state.Scope.NeedsText, ct);
}
