using MassTransit;
using Monitor.Contracts;

namespace Monitor.Feeds.Sdk.Publishing;

/// <summary>
/// Publishes CoverageReceived through MassTransit. The bus runs with publisher confirms, so each
/// awaited Publish has been accepted by the broker; ingestion's consumer is idempotent, so a page
/// published twice (after a crash before the cursor moved) is stored once.
/// </summary>
public sealed class BusCoveragePublisher(IPublishEndpoint publish) : ICoveragePublisher
{
    public Task PublishAsync(IReadOnlyList<CoverageReceived> items, CancellationToken cancellationToken) =>
        items.Count == 0 ? Task.CompletedTask : Task.WhenAll(items.Select(item => publish.Publish(item, cancellationToken)));
}
