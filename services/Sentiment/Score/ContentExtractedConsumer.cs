using Monitor.Contracts;
using Monitor.Hosting.Bus.Queues;

namespace Monitor.Sentiment.Score;

/// <summary>ContentExtracted from queue content-extracted, in batches.</summary>
public sealed class ContentExtractedConsumer(ScoreSentiment score, ILogger<ContentExtractedConsumer> logger) : IBatchHandler<ContentExtracted>
{
    public async Task HandleAsync(IReadOnlyList<ContentExtracted> batch, CancellationToken ct)
    {
        var summary = await score.HandleAsync(batch, ct);
        logger.LogDebug("Scored a batch: {Summary}", summary);
    }
}
