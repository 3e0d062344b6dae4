using Monitor.Hosting.Bus;

namespace Monitor.Alerts.Evaluate;

/// <summary>Endpoint sentiment-scored: batches of up to 100, transient failures retried, then sentiment-scored_error.</summary>
public sealed class SentimentScoredConsumerDefinition : BatchConsumerDefinition<SentimentScoredConsumer>;
