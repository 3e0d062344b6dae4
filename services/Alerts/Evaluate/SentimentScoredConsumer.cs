using MassTransit;
using Monitor.Contracts;

namespace Monitor.Alerts.Evaluate;

/// <summary>SentimentScored from queue sentiment-scored, in batches; idempotent, since alert ids are derived from what raised them.</summary>
public sealed class SentimentScoredConsumer(EvaluateScored evaluate, ILogger<SentimentScoredConsumer> logger) : IConsumer<Batch<SentimentScored>>
{
    public async Task Consume(ConsumeContext<Batch<SentimentScored>> context)
    {
        var batch = new SentimentScored[context.Message.Length];
        for (var i = 0; i < batch.Length; i++) batch[i] = context.Message[i].Message;
        var raised = await evaluate.HandleAsync(batch, context.CancellationToken);
        if (raised.Count > 0) logger.LogInformation("Raised {Count} alerts from {Items} scored items", raised.Count, batch.Length);
    }
}

