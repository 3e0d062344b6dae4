using JasperFx.Events.Daemon;
using Monitor.EventStore;

namespace Monitor.Faults.Tests.Harness;

/// <summary>Projections kept live by a Marten daemon in the test process, as the API keeps its read models; stopped on dispose.</summary>
public sealed class ProjectionDaemon : IAsyncDisposable
{
    private readonly EventStore.EventStore _log;
    private readonly IProjectionDaemon _daemon;
    private int _stopped;

    private ProjectionDaemon(EventStore.EventStore log, IProjectionDaemon daemon)
    {
        _log = log;
        _daemon = daemon;
    }

    public static async Task<ProjectionDaemon> StartAsync(EventStore.EventStore store, IReadOnlyList<Projection> projections)
    {
        var rebuilder = new ProjectionRebuilder(store);
        foreach (var projection in projections) await rebuilder.PrepareAsync(projection, default);
        var log = new EventStore.EventStore(store.DataSource, store.Options, store.Registry, configure: options =>
        {
            foreach (var projection in projections) options.Events.Subscribe(HandlerSubscription.For(projection, store.DataSource, store.Registry));
        });
        var daemon = await log.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        return new ProjectionDaemon(log, daemon);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _daemon.StopAllAsync();
        _daemon.Dispose();
        await _log.DisposeAsync();
    }
}
