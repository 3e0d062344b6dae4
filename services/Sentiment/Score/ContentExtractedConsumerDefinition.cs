using Monitor.Hosting.Bus;

namespace Monitor.Sentiment.Score;

/// <summary>Endpoint content-extracted: batches of up to 200 (BatchConsumerDefinition.MessageLimit), transient failures retried, then content-extracted_error.</summary>
public sealed class ContentExtractedConsumerDefinition : BatchConsumerDefinition<ContentExtractedConsumer>;
