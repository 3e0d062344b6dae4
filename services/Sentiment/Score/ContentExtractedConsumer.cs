using MassTransit;
using Monitor.Contracts;

namespace Monitor.Sentiment.Score;

/// <summary>ContentExtracted from queue content-extracted, in batches.</summary>
public sealed class ContentExtractedConsumer(ScoreSentiment score, ILogger<ContentExtractedConsumer> logger) : IConsumer<Batch<ContentExtracted>>
{
    public async Task Consume(ConsumeContext<Batch<ContentExtracted>> context)
    {
        var items = new ContentExtracted[context.Message.Length];
        for (var i = 0; i < items.Length; i++) items[i] = context.Message[i].Message;
        var summary = await score.HandleAsync(items, context.CancellationToken);
        logger.LogDebug("Scored a batch: {Summary}", summary);
    }
}

