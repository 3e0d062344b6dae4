namespace Monitor.Hosting.Bus.Queues;

/// <summary>What a worker does with a batch of messages from its queue (see <see cref="BatchQueueConsumer{TMessage}"/>).</summary>
public interface IBatchHandler<in TMessage>
{
    /// <summary>
    /// Why this message can never be handled (an exception saying what is wrong), or null when it can.
    /// A rejected message goes to the queue's _error queue at once, with that exception's type and
    /// message in its headers; the rest of its batch is handled as usual.
    /// </summary>
    Exception? Reject(TMessage message) => null;

    /// <summary>
    /// Handles the batch, idempotently: after a lost connection the broker delivers it again. A throw
    /// retries the whole batch (<see cref="RetryPolicies.Intervals"/>), then moves it to _error.
    /// </summary>
    Task HandleAsync(IReadOnlyList<TMessage> batch, CancellationToken ct);
}
