namespace Monitor.Hosting.Bus.Queues;

/// <summary>A running queue consumer, as the health check and the queue-lag sampler see it.</summary>
public interface IQueueConsumer
{
    string Queue { get; }

    /// <summary>Connected and subscribed to its queue.</summary>
    bool IsConsuming { get; }
}
