using Monitor.Hosting.Bus;

namespace Monitor.Extraction.Extract;

/// <summary>Endpoint coverage-ingested: batches of up to 100, transient failures retried, then coverage-ingested_error.</summary>
public sealed class CoverageIngestedConsumerDefinition : BatchConsumerDefinition<CoverageIngestedConsumer>;
