using Monitor.Contracts;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// A delivery's id: UUIDv5 of the alert's (digest's, release's) id and the channel's id. Every request to that channel
/// for it carries the same id (X-Monitor-Delivery-Id, and "deliveryId" in the generic webhook's body), re-sends and
/// retries after a restart included, so a receiver that keeps the ids it has taken drops repeats.
/// </summary>
public static class DeliveryIds
{
    public const string Header = "X-Monitor-Delivery-Id";

    public static Guid For(Guid messageId, string channelId) => CoverageIdentity.NameBased(messageId, $"delivery:{channelId}");
}
