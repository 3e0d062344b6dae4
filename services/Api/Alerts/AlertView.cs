using Monitor.Hosting.Access;
using Monitor.Contracts.Alerts;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

/// <summary>An alert as the API lists and streams it.</summary>
/// <param name="Held">Held for its subscription's quiet hours: until when, and since when; null when it was sent at once.</param>
/// <param name="ReleasedAt">When a held alert went out, with the quiet spell's other held alerts; null while it waits (or if never held).</param>
/// <param name="Channels">Where the delivery to each channel stands: pending, delivered, retrying (attempts, next attempt) or failed (reason).</param>
public sealed record AlertView(
    Guid Id,
    Guid SubscriptionId,
    string SubscriptionName,
    AlertRuleRef Rule,
    DateTimeOffset RaisedAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Summary,
    AlertNumbers Numbers,
    IReadOnlyDictionary<string, int> Platforms,
    IReadOnlyList<AlertMentionView> TopMentions,
    int EscalationLevel,
    AlertAcknowledgement? Acknowledged,
    int Deliveries,
    IReadOnlyList<AlertDeliveryFailureView> DeliveryFailures,
    AlertHold? Held,
    DateTimeOffset? ReleasedAt,
    IReadOnlyList<AlertChannelDelivery> Channels)
{
    public static AlertView From(AlertDocument a, IReadOnlyDictionary<Guid, string?> titles) => new(
        a.Id, a.SubscriptionId, a.SubscriptionName, a.Rule, a.RaisedAt, a.WindowStart, a.WindowEnd, a.Summary, a.Numbers, a.Platforms,
        a.TopMentions.Select(m => new AlertMentionView(m.CoverageId, titles.GetValueOrDefault(m.CoverageId), m.Url, m.Platform, m.Label, m.Score, m.Reach)).ToArray(),
        a.EscalationLevel, a.Acknowledged, a.Deliveries.Count,
        a.DeliveryFailures.Select(f => new AlertDeliveryFailureView(f.ChannelId, f.ChannelKind, SecretMask.InText(f.Reason ?? ""), f.Attempts, f.At)).ToArray(),
        a.Held, a.ReleasedAt, a.Channels.Select(c => c.Reason is null ? c : c with { Reason = SecretMask.InText(c.Reason) }).ToArray());
}

public sealed record AlertMentionView(Guid CoverageId, string? Title, string? Url, string Platform, string Label, double Score, long Reach);

/// <param name="Reason">What went wrong, with the credentials in any URL it quotes masked (for admins too: the API never shows channel targets).</param>
public sealed record AlertDeliveryFailureView(string ChannelId, string ChannelKind, string Reason, int Attempts, DateTimeOffset At);
