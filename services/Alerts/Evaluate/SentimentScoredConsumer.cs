using MassTransit;
using Monitor.Contracts;

namespace Monitor.Alerts.Evaluate;

public sealed class SentimentScoredConsumer(EvaluateScored evaluate, ILogger<SentimentScoredConsumer> logger) : IConsumer<Batch<SentimentScored>>
{
    public async Task Consume(ConsumeContext<Batch<SentimentScored>> context)
    {
        var items = new SentimentScored[context.Message.Length];
        for (var i = 0; i < items.Length; i++) items[i] = context.Message[i].Message;
        var raised = await evaluate.HandleAsync(items, context.CancellationToken);
        if (raised.Count > 0) logger.LogInformation("Raised {Count} alerts from {Items} scored items", raised.Count, items.Length);
    }
}
