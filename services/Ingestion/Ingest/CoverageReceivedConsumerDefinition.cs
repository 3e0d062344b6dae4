using MassTransit;
using Monitor.Hosting.Bus;

namespace Monitor.Ingestion.Ingest;

/// <summary>Endpoint coverage-received: invalid items skip the retries and go straight to coverage-received_error.</summary>
public sealed class CoverageReceivedConsumerDefinition : BatchConsumerDefinition<CoverageReceivedConsumer>
{
    protected override void ConfigureRetry(IRetryConfigurator retry) => retry.Ignore<InvalidCoverageException>();

    protected override void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint, IRegistrationContext context) =>
        endpoint.UseFilter(new CoverageValidationFilter(context.GetRequiredService<TimeProvider>()));
}
