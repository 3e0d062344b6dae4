using MassTransit;
using Monitor.EventStore.Resilience;

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

    /// <summary>
    /// The database away for longer than <see cref="Transient"/> lasts (a restart, a failover): five
    /// more rounds of it, five seconds apart, so a batch stays in hand through an outage of about two
    /// minutes instead of landing in _error, from where only an operator brings it back (the fault
    /// suite lost a batch of 100 to a 20-second PostgreSQL restart that way). Only failures the event
    /// store calls transient are retried like this; any other error still reaches _error in seconds.
    /// </summary>
    public static void Outage(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(TransientErrors.IsTransient);
        retry.Interval(5, TimeSpan.FromSeconds(5));
    }
}
