using MassTransit;
using Monitor.Contracts;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// Validates each CoverageReceived before it joins a batch. An invalid message (a NUL in its text, a date out
/// of range, ...) fails on its own with an <see cref="InvalidCoverageException"/> naming its fields and goes to
/// coverage-received_error; replaying it fails the same way until its producer sends it corrected.
/// </summary>
public sealed class CoverageValidationFilter(TimeProvider clock) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (context.TryGetMessage<CoverageReceived>(out var received)
            && CoverageValidator.Validate(received.Message, clock.GetUtcNow()) is { Any: true } errors)
            throw new InvalidCoverageException(errors);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("coverage-validation");
}
