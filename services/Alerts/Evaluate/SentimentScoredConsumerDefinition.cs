using Monitor.Hosting.Bus;

namespace Monitor.Alerts.Evaluate;

/// <summary>Endpoint sentiment-scored: batches, retries and _error as <see cref="BatchConsumerDefinition{TConsumer}"/> sets them.</summary>
public sealed class SentimentScoredConsumerDefinition : BatchConsumerDefinition<SentimentScoredConsumer>;
