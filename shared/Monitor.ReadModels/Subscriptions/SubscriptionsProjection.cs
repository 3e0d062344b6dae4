using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.ReadModels.Subscriptions;

/// <summary><c>rm_subscriptions</c>: one document per subscription stream, without channel targets or secrets.</summary>
public sealed class SubscriptionsProjection(ReadModelTables tables)
    : DocumentProjection<SubscriptionDocument>(tables.Schema, ReadModelTables.SubscriptionsTable, Parameters.Json)
{
    public const string ProjectionName = "subscriptions";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } =
    [
        MonitorEventTypes.SubscriptionCreated, MonitorEventTypes.SubscriptionRulesChanged, MonitorEventTypes.SubscriptionScopeChanged,
        MonitorEventTypes.SubscriptionChannelsChanged, MonitorEventTypes.SubscriptionPaused, MonitorEventTypes.SubscriptionResumed,
        MonitorEventTypes.SubscriptionArchived,
    ];

    protected override Guid? DocumentIdOf(StoredEvent e) => e.Data switch
    {
        SubscriptionCreated c => c.SubscriptionId,
        SubscriptionRulesChanged r => r.SubscriptionId,
        SubscriptionScopeChanged s => s.SubscriptionId,
        SubscriptionChannelsChanged ch => ch.SubscriptionId,
        SubscriptionPaused p => p.SubscriptionId,
        SubscriptionResumed r => r.SubscriptionId,
        SubscriptionArchived a => a.SubscriptionId,
        _ => null,
    };

    protected override SubscriptionDocument? Apply(SubscriptionDocument? current, StoredEvent e) => (current, e.Data) switch
    {
        (_, SubscriptionCreated c) => new SubscriptionDocument(c.SubscriptionId, c.Owner, c.Name, c.Scope, c.Rules,
            SubscriptionChannelRef.Of(c.Channels), c.QuietHours, c.DigestAt, Paused: false, c.CreatedAt, c.CreatedAt),
        (null, _) => null,
        // An archived subscription is no longer listed.
        (_, SubscriptionArchived) => null,
        (_, SubscriptionRulesChanged r) => current with { Rules = r.Rules, UpdatedAt = r.At },
        (_, SubscriptionScopeChanged s) => current with { Scope = s.Scope, UpdatedAt = s.At },
        (_, SubscriptionChannelsChanged ch) => current with { Channels = SubscriptionChannelRef.Of(ch.Channels), UpdatedAt = ch.At },
        (_, SubscriptionPaused p) => current with { Paused = true, UpdatedAt = p.At },
        (_, SubscriptionResumed r) => current with { Paused = false, UpdatedAt = r.At },
        _ => current,
    };
}
