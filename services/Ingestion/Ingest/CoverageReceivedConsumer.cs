using MassTransit;
using Monitor.Contracts;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// CoverageReceived from the feeds, from queue coverage-received in batches. Each message was validated on
/// its own before it joined the batch (<see cref="CoverageValidationFilter"/>), so an invalid one is in
/// coverage-received_error and the valid ones around it are stored as usual.
/// </summary>
public sealed class CoverageReceivedConsumer(IngestCoverage ingest, ILogger<CoverageReceivedConsumer> logger) : IConsumer<Batch<CoverageReceived>>
{
    public async Task Consume(ConsumeContext<Batch<CoverageReceived>> context)
    {
        var items = new CoverageReceived[context.Message.Length];
        for (var i = 0; i < items.Length; i++) items[i] = context.Message[i].Message;
        var summary = await ingest.HandleAsync(items, context.CancellationToken);
        logger.LogDebug("Ingested a batch from the bus: {Summary}", summary);
    }
}
