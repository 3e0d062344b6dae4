using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Hosting.Relay;

/// <summary>
/// A test hook for the fault suite, off unless MONITOR_TEST_RELAY_EXIT_AFTER_BATCH is set: after
/// the n-th batch the broker confirmed, the relay process kills itself (SIGKILL) before the batch's
/// checkpoint is saved. That is the crash the outbox must survive: a restarted relay publishes the
/// batch again and the consumers' idempotency absorbs it.
/// </summary>
public sealed class ExitAfterPublishing(int batches)
{
    public const string Variable = "MONITOR_TEST_RELAY_EXIT_AFTER_BATCH";

    private readonly int _batches = batches;
    private int _published;

    public ISubscriptionHandler Around(ISubscriptionHandler publisher) => new Handler(this, publisher);

    private sealed class Handler(ExitAfterPublishing hook, ISubscriptionHandler publisher) : ISubscriptionHandler
    {
        public async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
        {
            await publisher.HandleAsync(batch, context, ct);
            if (Interlocked.Increment(ref hook._published) == hook._batches)
                Process.GetCurrentProcess().Kill();
        }
    }
}
