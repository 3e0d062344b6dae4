using Monitor.EventStore;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;

namespace Monitor.Pipeline.Tests.Relay;

/// <summary>A relay subscription running in the background of a test, stopped (bounded) on dispose.</summary>
public sealed class RelayRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <param name="rawData">Hand the handler the stored JSON, as the relay service does.</param>
    public RelayRun(EventStore.EventStore store, ISubscriptionHandler handler, int maxHandlerAttempts = 5, bool rawData = false)
    {
        Subscription = new Subscription(store, new SubscriptionOptions
        {
            Name = RelayWorker.SubscriptionName,
            BatchSize = RelayWorker.BatchSize,
            EventTypes = MonitorEventTypes.Published,
            MaxHandlerAttempts = maxHandlerAttempts,
            RawData = rawData,
        }, handler);
        Completion = Task.Run(() => Subscription.RunAsync(_stop.Token));
    }

    public Subscription Subscription { get; }
    public Task Completion { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Completion.WaitAsync(TimeSpan.FromSeconds(15)); }
        catch (Exception e) when (e is OperationCanceledException or SubscriptionFailedException or RelayCrashed) { }
        _stop.Dispose();
    }
}

/// <summary>Stands for a relay process that dies after the broker confirmed its publishes but before its checkpoint was saved.</summary>
public sealed class CrashAfterPublishing(ISubscriptionHandler inner) : ISubscriptionHandler
{
    public async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        await inner.HandleAsync(batch, context, ct);
        throw new RelayCrashed();
    }
}

public sealed class RelayCrashed() : Exception("the relay died between publish and checkpoint");
