using Monitor.Contracts.Alerts;

namespace Monitor.ReadModels.Alerts;

/// <summary>
/// An alert as <c>rm_alerts</c> keeps it: what fired, who acknowledged it, where it went and where it failed to go,
/// and, for one raised in quiet hours, the hold and when the held alerts went out.
/// </summary>
/// <param name="Held">Raised in its subscription's quiet hours and held until they end (AlertHeld); null: sent at once.</param>
/// <param name="ReleasedAt">When the held alert went out with its quiet spell's other held alerts (HeldAlertsReleased); null: not yet.</param>
public sealed record AlertDocument(
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
    IReadOnlyList<AlertMention> TopMentions,
    int EscalationLevel,
    AlertAcknowledgement? Acknowledged,
    IReadOnlyList<AlertDeliveryRecord> Deliveries,
    IReadOnlyList<AlertDeliveryRecord> DeliveryFailures,
    AlertHold? Held = null,
    DateTimeOffset? ReleasedAt = null)
{
    /// <summary>Where the delivery to each channel stands: pending, delivered, retrying (when next) or failed (why).</summary>
    public IReadOnlyList<AlertChannelDelivery> Channels { get; init; } = [];

    public static AlertDocument From(AlertRaised a) => new(
        a.AlertId, a.SubscriptionId, a.SubscriptionName, new AlertRuleRef(a.RuleId, a.Kind), a.RaisedAt, a.WindowStart, a.WindowEnd,
        a.Summary, new AlertNumbers(a.Value, a.Threshold, a.Baseline, a.StandardDeviation, a.K, a.Volume),
        a.Platforms, a.TopMentions, a.EscalationLevel, null, [], []);
}

public sealed record AlertRuleRef(string Id, string Kind);

/// <summary>What the rule measured and compared it with (see AlertRaised).</summary>
public sealed record AlertNumbers(double Value, double Threshold, double? Baseline, double? StandardDeviation, double? K, int Volume);

public sealed record AlertAcknowledgement(string By, DateTimeOffset At);

/// <summary>A hold for quiet hours: not sent before <see cref="Until"/> (UTC), decided <see cref="At"/>.</summary>
public sealed record AlertHold(DateTimeOffset Until, DateTimeOffset At);

/// <summary>One delivery attempt's outcome; <see cref="EventId"/> keeps an event from being counted twice.</summary>
public sealed record AlertDeliveryRecord(Guid EventId, string ChannelId, string ChannelKind, int Attempts, DateTimeOffset At, string? Reason = null);
