using MassTransit;
using Monitor.Hosting.Bus;

namespace Monitor.Ingestion.Ingest;

/// <summary>Endpoint coverage-received: invalid or unreadable items skip the retries and go straight to coverage-received_error.</summary>
public sealed class CoverageReceivedConsumerDefinition : BatchConsumerDefinition<CoverageReceivedConsumer>
{
    protected override void ConfigureRetry(IRetryConfigurator retry) =>
        // A message that is not a CoverageReceived at all (wrong types, a null body) cannot get better either.
        retry.Ignore(typeof(InvalidCoverageException), typeof(System.Text.Json.JsonException), typeof(ArgumentNullException));

    protected override void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseFilter(new CoverageValidationFilter());
}
