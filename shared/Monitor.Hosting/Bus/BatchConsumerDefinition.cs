using MassTransit;

namespace Monitor.Hosting.Bus;

/// <summary>
/// A consumer of <c>Batch&lt;T&gt;</c> on its own endpoint: up to <see cref="MessageLimit"/> messages
/// or <see cref="TimeLimit"/>, whichever comes first; prefetch twice the batch so the next batch
/// fills while one is stored; transient failures retried, through a database outage as well
/// (<see cref="RetryPolicies.Transient"/>), then the endpoint's _error queue.
/// </summary>
public abstract class BatchConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>
    /// 200 rather than 100: fewer appends, notifications and relay wake-ups per item. Measured on the
    /// pipeline bench, ingestion's processor time per item fell from about 0.37 to 0.31-0.33 ms.
    /// </summary>
    public const int MessageLimit = 200;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);
    private const int ConcurrentBatches = 2;

    protected BatchConsumerDefinition()
    {
        Endpoint(e =>
        {
            e.PrefetchCount = MessageLimit * ConcurrentBatches;
            e.ConcurrentMessageLimit = MessageLimit * ConcurrentBatches;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(retry =>
        {
            ConfigureRetry(retry);
            RetryPolicies.Transient(retry);
        });
        ConfigureEndpoint(endpointConfigurator);
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(MessageLimit)
            .SetTimeLimit(TimeLimit)
            .SetConcurrencyLimit(ConcurrentBatches));
    }

    /// <summary>Exceptions that retrying cannot fix (e.g. invalid input) are ignored here and go straight to _error.</summary>
    protected virtual void ConfigureRetry(IRetryConfigurator retry) { }

    /// <summary>Filters that run per message, before it joins a batch.</summary>
    protected virtual void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint) { }
}
