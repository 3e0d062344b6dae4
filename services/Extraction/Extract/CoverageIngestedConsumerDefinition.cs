using Monitor.Hosting.Bus;

namespace Monitor.Extraction.Extract;

/// <summary>Endpoint coverage-ingested: batches, retries and _error as <see cref="BatchConsumerDefinition{TConsumer}"/> sets them.</summary>
public sealed class CoverageIngestedConsumerDefinition : BatchConsumerDefinition<CoverageIngestedConsumer>;
