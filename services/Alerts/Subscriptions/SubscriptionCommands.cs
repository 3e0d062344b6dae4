using Monitor.Alerts.Rules;
using Monitor.Alerts.Startup;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Subscriptions;

/// <summary>Changes to subscriptions: each appends to <c>subscription-{id}</c> and then updates the evaluators.</summary>
public sealed class SubscriptionCommands(EventStore.EventStore store, SubscriptionRegistry registry, History history, TimeProvider clock)
{
    /// <summary>Problems with the request, each naming its field; empty when it can be created.</summary>
    public static IReadOnlyList<string> Problems(CreateSubscriptionRequest request)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.Name)) problems.Add("name: must not be empty");
        if (request.Rules is null || request.Rules.Count == 0) problems.Add("rules: at least one rule is needed");
        problems.AddRange(RuleValidation.Problems(request.Rules ?? [], request.Scope ?? SubscriptionScope.Everything));
        var channels = request.Channels ?? [];
        for (var i = 0; i < channels.Count; i++)
        {
            if (!AlertChannelKinds.All.Contains(channels[i].Kind))
                problems.Add($"channels[{i}].kind: '{channels[i].Kind}' is not one of {string.Join(", ", AlertChannelKinds.All)}");
            else if (channels[i].Kind != AlertChannelKinds.Email && !(Uri.TryCreate(channels[i].Target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
                problems.Add($"channels[{i}].target: '{channels[i].Target}' is not an http(s) URL");
        }
        foreach (var duplicate in channels.GroupBy(c => c.ChannelId).Where(g => g.Count() > 1))
            problems.Add($"channels: channelId '{duplicate.Key}' is used more than once");
        if (request.QuietHours is { } quiet && !TimeZoneInfo.TryFindSystemTimeZoneById(quiet.TimeZone, out _))
            problems.Add($"quietHours.timeZone: '{quiet.TimeZone}' is not a known time zone");
        return problems;
    }

    public async Task<SubscriptionState> CreateAsync(CreateSubscriptionRequest request, string owner, CancellationToken ct)
    {
        var created = new SubscriptionCreated(Guid.NewGuid(), owner, request.Name!.Trim(), request.Scope ?? SubscriptionScope.Everything,
            request.Rules!, request.Channels ?? [], request.QuietHours, request.DigestAt, clock.GetUtcNow());
        await store.AppendAsync(created.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.NoStream,
            [new EventData(Guid.NewGuid(), created)], ct);
        var state = SubscriptionState.Empty.Apply(created);
        var lookback = state.Rules.Max(r => r.Window * (r.BaselineWindows + 1) + r.EffectiveCooldown);
        registry.Apply(state, await history.RecentScoredAsync(lookback, state.Scope.NeedsText, ct));
        return state;
    }

    public Task<SubscriptionState> PauseAsync(SubscriptionState state, string by, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionPaused(state.SubscriptionId, by, clock.GetUtcNow()), ct);

    public Task<SubscriptionState> ResumeAsync(SubscriptionState state, string by, CancellationToken ct) =>
        AppendAsync(state, new SubscriptionResumed(state.SubscriptionId, by, clock.GetUtcNow()), ct);

    private async Task<SubscriptionState> AppendAsync(SubscriptionState state, object change, CancellationToken ct)
    {
        await store.AppendAsync(state.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.Any, [new EventData(Guid.NewGuid(), change)], ct);
        var next = state.Apply(change);
        registry.Apply(next, []);
        return next;
    }
}
