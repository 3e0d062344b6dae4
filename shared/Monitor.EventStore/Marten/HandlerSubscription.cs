using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Monitor.EventStore;

/// <summary>
/// Runs an <see cref="ISubscriptionHandler"/> as a Marten subscription, driven by Marten's async daemon: the
/// daemon finds the high water mark (never passing a sequence a live transaction may still fill), hands over one
/// page at a time, and commits the handler's writes (<see cref="SubscriptionContext.WriteAsync"/>) together with
/// the subscription's progress.
/// </summary>
public sealed class HandlerSubscription : SubscriptionBase
{
    private readonly ISubscriptionHandler _handler;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _retry;
    private readonly EventTypeRegistry? _registry;

    /// <param name="maxHandlerAttempts">
    /// How often a failing handler is tried on one page before the page fails and the daemon pauses the
    /// subscription (it records the error and restarts the agent later).
    /// </param>
    public HandlerSubscription(string name, ISubscriptionHandler handler, NpgsqlDataSource dataSource, int batchSize = 500, int version = 1, int maxHandlerAttempts = 5,
        EventTypeRegistry? registry = null)
    {
        _registry = registry;
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        Name = name;
        Version = (uint)version;
        Options.BatchSize = batchSize;
        _retry = maxHandlerAttempts <= 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = maxHandlerAttempts - 1,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                MaxDelay = TimeSpan.FromSeconds(5),
            }).Build();
    }

    /// <summary>
    /// A projection's subscription: its name, version, batch size, the event types it reads and whether it reads
    /// archived streams. Marten plays a subscription whose version rose from the start under a new progress row.
    /// </summary>
    public static HandlerSubscription For(Projection projection, NpgsqlDataSource dataSource, EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(registry);
        var subscription = new HandlerSubscription(projection.Name, projection, dataSource, projection.BatchSize, projection.Version, registry: registry);
        foreach (var name in projection.EventTypes ?? [])
            subscription.IncludeType(registry.TypeOf(name));
        subscription.IncludeArchivedEvents = projection.IncludeArchived;
        return subscription;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        var batch = page.Events.Select(e => MartenRows.ToStored(e, _registry)).ToArray();
        if (batch.Length == 0) return NullChangeListener.Instance;
        // A failed attempt's writes are dropped with it: only the attempt that succeeds reaches the unit of work.
        var writes = await _retry.ExecuteAsync(async token =>
        {
            var attempt = new List<NpgsqlBatchCommand>();
            var context = new SubscriptionContext(_dataSource, Name, new GlobalPosition(0, page.SequenceFloor), (commands, _) =>
            {
                attempt.AddRange(commands);
                return Task.CompletedTask;
            });
            await _handler.HandleAsync(batch, context, token);
            return attempt;
        }, ct);
        foreach (var command in writes) operations.QueueOperation(new QueuedStatement(command));
        return NullChangeListener.Instance;
    }
}
