using Monitor.Contracts;

namespace Monitor.Feeds.Sdk.Publishing;

/// <summary>Hands a page's items to ingestion. Returns only when the broker has confirmed every one.</summary>
public interface ICoveragePublisher
{
    Task PublishAsync(IReadOnlyList<CoverageReceived> items, CancellationToken cancellationToken);
}
