using MassTransit;
using Monitor.Contracts;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// Validates each CoverageReceived before it joins a batch. An invalid message fails on its own
/// and goes to coverage-received_error; the valid messages around it are batched and stored as usual.
/// </summary>
public sealed class CoverageValidationFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (context.TryGetMessage<CoverageReceived>(out var received))
        {
            var errors = CoverageValidator.Validate(received.Message);
            if (errors.Any) throw new InvalidCoverageException(errors);
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("coverage-validation");
}
