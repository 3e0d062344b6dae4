using MassTransit;
using Monitor.Contracts;

namespace Monitor.Extraction.Extract;

/// <summary>CoverageIngested from queue coverage-ingested, in batches.</summary>
public sealed class CoverageIngestedConsumer(ExtractContent extract, ILogger<CoverageIngestedConsumer> logger) : IConsumer<Batch<CoverageIngested>>
{
    public async Task Consume(ConsumeContext<Batch<CoverageIngested>> context)
    {
        var items = new CoverageIngested[context.Message.Length];
        for (var i = 0; i < items.Length; i++) items[i] = context.Message[i].Message;
        var summary = await extract.HandleAsync(items, context.CancellationToken);
        logger.LogDebug("Extracted a batch: {Summary}", summary);
    }
}

