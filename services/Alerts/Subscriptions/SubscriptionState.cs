using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>A subscription as its stream's events leave it. <see cref="Empty"/> before SubscriptionCreated.</summary>
public sealed record SubscriptionState(
    Guid SubscriptionId,
    string Owner,
    string Name,
    SubscriptionScope Scope,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<AlertChannel> Channels,
    QuietHours? QuietHours,
    TimeOnly? DigestAt,
    DateTimeOffset CreatedAt,
    bool Paused)
{
    public static readonly SubscriptionState Empty =
        new(Guid.Empty, "", "", SubscriptionScope.Everything, [], [], null, null, DateTimeOffset.MinValue, false);

    public bool Exists => SubscriptionId != Guid.Empty;

    public SubscriptionState Apply(object e) => e switch
    {
        SubscriptionCreated c => new SubscriptionState(c.SubscriptionId, c.Owner, c.Name, c.Scope, c.Rules, c.Channels,
            c.QuietHours, c.DigestAt, c.CreatedAt, Paused: false),
        SubscriptionRulesChanged r => this with { Rules = r.Rules },
        SubscriptionScopeChanged s => this with { Scope = s.Scope },
        SubscriptionChannelsChanged ch => this with { Channels = ch.Channels },
        SubscriptionPaused => this with { Paused = true },
        SubscriptionResumed => this with { Paused = false },
        _ => this,
    };

    public static SubscriptionState Fold(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));
}
