using Monitor.Contracts.Alerts;

namespace Monitor.ReadModels.Subscriptions;

/// <summary>
/// A subscription as the read side shows it. Channels appear only as id and kind: their targets
/// (webhook URLs carry tokens) and secrets never enter the read model.
/// </summary>
public sealed record SubscriptionDocument(
    Guid Id,
    string Owner,
    string Name,
    SubscriptionScope Scope,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<SubscriptionChannelRef> Channels,
    QuietHours? QuietHours,
    TimeOnly? DigestAt,
    bool Paused,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record SubscriptionChannelRef(string ChannelId, string Kind)
{
    public static IReadOnlyList<SubscriptionChannelRef> Of(IEnumerable<AlertChannel> channels) =>
        channels.Select(c => new SubscriptionChannelRef(c.ChannelId, c.Kind)).ToArray();
}
