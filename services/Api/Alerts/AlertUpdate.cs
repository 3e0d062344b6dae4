using System.Text.Json.Serialization;
using Monitor.Contracts.Alerts;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

/// <summary>
/// What changed in an alert after it was raised, as the alert stream sends it (<c>event: alert-updated</c>).
/// Every field but <see cref="Id"/> has the name and shape of the <see cref="AlertView"/> field it replaces, and is
/// left out when unchanged, so a client merges an update by copying the fields it carries onto the alert it holds.
/// </summary>
/// <param name="Id">The alert that changed.</param>
public sealed record AlertUpdate(Guid Id)
{
    /// <summary>Someone took charge of the alert (the first acknowledgement, which stands).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AlertAcknowledgement? Acknowledged { get; init; }

    /// <summary>Raised in quiet hours: held until they end.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AlertHold? Held { get; init; }

    /// <summary>The held alert went out with its quiet spell's other held alerts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>How many deliveries the alert has had so far (a total, not an increment).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Deliveries { get; init; }

    /// <summary>Every channel's delivery state after the change (the whole list, not just the channel that changed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertChannelDelivery>? Channels { get; init; }

    /// <summary>Every failed delivery so far, the new one last (the whole list, not just the new one).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertDeliveryFailureView>? DeliveryFailures { get; init; }
}
