using MassTransit;

namespace Monitor.Hosting.Bus;

/// <summary>Retry policies the consumer definitions share.</summary>
public static class RetryPolicies
{
    /// <summary>
    /// Five retries at growing intervals (0.1 s, 0.3 s, 0.5 s, 0.7 s, 0.9 s) for transient trouble
    /// (a database failover, a concurrency conflict); after that the message goes to the _error queue.
    /// </summary>
    public static void Transient(IRetryConfigurator retry) =>
        retry.Incremental(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
}
