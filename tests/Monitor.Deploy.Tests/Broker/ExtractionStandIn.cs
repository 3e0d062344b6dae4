using MassTransit;
using Monitor.Contracts;
using Monitor.Hosting.Bus;

namespace Monitor.Deploy.Tests.Broker;

/// <summary>A consumer on the extraction service's endpoint, configured as the service's is.</summary>
public sealed class ExtractionStandIn(ExtractionStandIn.Received received) : IConsumer<Batch<CoverageIngested>>
{
    public sealed class Received
    {
        public readonly TaskCompletionSource<int> Batch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Consume(ConsumeContext<Batch<CoverageIngested>> context)
    {
        received.Batch.TrySetResult(context.Message.Length);
        return Task.CompletedTask;
    }
}

public sealed class ExtractionStandInDefinition : BatchConsumerDefinition<ExtractionStandIn>
{
    public ExtractionStandInDefinition() => EndpointName = "coverage-ingested";
}
