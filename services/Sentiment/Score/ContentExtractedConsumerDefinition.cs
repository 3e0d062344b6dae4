using Monitor.Hosting.Bus;

namespace Monitor.Sentiment.Score;

/// <summary>Endpoint content-extracted: batches, retries and _error as <see cref="BatchConsumerDefinition{TConsumer}"/> sets them.</summary>
public sealed class ContentExtractedConsumerDefinition : BatchConsumerDefinition<ContentExtractedConsumer>;
