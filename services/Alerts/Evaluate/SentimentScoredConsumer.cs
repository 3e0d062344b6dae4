using Monitor.Contracts;
using Monitor.Hosting.Bus.Queues;

namespace Monitor.Alerts.Evaluate;

/// <summary>SentimentScored from queue sentiment-scored, in batches.</summary>
public sealed class SentimentScoredConsumer(EvaluateScored evaluate, ILogger<SentimentScoredConsumer> logger) : IBatchHandler<SentimentScored>
{
    public async Task HandleAsync(IReadOnlyList<SentimentScored> batch, CancellationToken ct)
    {
        var raised = await evaluate.HandleAsync(batch, ct);
        if (raised.Count > 0) logger.LogInformation("Raised {Count} alerts from {Items} scored items", raised.Count, batch.Count);
    }
}
