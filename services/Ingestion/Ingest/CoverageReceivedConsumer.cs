using Monitor.Contracts;
using Monitor.Hosting.Bus.Queues;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// CoverageReceived from the feeds, from queue coverage-received in batches. Each message is validated
/// on its own first: an invalid one goes to coverage-received_error with an <see cref="InvalidCoverageException"/>
/// naming its fields (a NUL in the text, a date out of range, ...), and the valid ones around it are
/// stored as usual; replaying it fails the same way until the producer sends it corrected.
/// </summary>
public sealed class CoverageReceivedConsumer(IngestCoverage ingest, TimeProvider clock, ILogger<CoverageReceivedConsumer> logger) : IBatchHandler<CoverageReceived>
{
    public Exception? Reject(CoverageReceived message) =>
        CoverageValidator.Validate(message, clock.GetUtcNow()) is { Any: true } errors ? new InvalidCoverageException(errors) : null;

    public async Task HandleAsync(IReadOnlyList<CoverageReceived> batch, CancellationToken ct)
    {
        var summary = await ingest.HandleAsync(batch, ct);
        logger.LogDebug("Ingested a batch from the bus: {Summary}", summary);
    }
}
