using Monitor.Hosting.Bus;

namespace Monitor.Extraction.Extract;

/// <summary>Endpoint coverage-ingested: batches of up to 200 (BatchConsumerDefinition.MessageLimit), transient failures retried, then coverage-ingested_error.</summary>
public sealed class CoverageIngestedConsumerDefinition : BatchConsumerDefinition<CoverageIngestedConsumer>;
