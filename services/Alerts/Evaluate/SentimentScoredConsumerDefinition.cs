using Monitor.Hosting.Bus;

namespace Monitor.Alerts.Evaluate;

/// <summary>Endpoint sentiment-scored: batches as BatchConsumerDefinition sets them, transient failures retried, then sentiment-scored_error.</summary>
public sealed class SentimentScoredConsumerDefinition : BatchConsumerDefinition<SentimentScoredConsumer>;
