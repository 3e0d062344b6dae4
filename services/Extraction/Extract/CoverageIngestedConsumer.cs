using Monitor.Contracts;
using Monitor.Hosting.Bus.Queues;

namespace Monitor.Extraction.Extract;

/// <summary>CoverageIngested from queue coverage-ingested, in batches.</summary>
public sealed class CoverageIngestedConsumer(ExtractContent extract, ILogger<CoverageIngestedConsumer> logger) : IBatchHandler<CoverageIngested>
{
    public async Task HandleAsync(IReadOnlyList<CoverageIngested> batch, CancellationToken ct)
    {
        var summary = await extract.HandleAsync(batch, ct);
        logger.LogDebug("Extracted a batch: {Summary}", summary);
    }
}
