using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.EventStore.Tests.Support;

/// <summary>Marten's async daemon running some subscriptions on a test's store, as a service instance runs them; stopped when disposed.</summary>
public sealed class RunningDaemon : IAsyncDisposable
{
    private readonly EventStore _log;

    private RunningDaemon(EventStore log, IProjectionDaemon daemon)
    {
        _log = log;
        Daemon = daemon;
    }

    public IProjectionDaemon Daemon { get; }

    public static Task<RunningDaemon> StartAsync(EventStore store, Projection projection) =>
        StartAsync(store, HandlerSubscription.For(projection, store.DataSource, store.Registry));

    public static async Task<RunningDaemon> StartAsync(EventStore store, params HandlerSubscription[] subscriptions)
    {
        var log = new EventStore(store.DataSource, store.Options, store.Registry, configure: options =>
        {
            foreach (var subscription in subscriptions) options.Events.Subscribe(subscription);
            options.Projections.StaleSequenceThreshold = TimeSpan.FromSeconds(2);
        });
        var daemon = await log.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        return new RunningDaemon(log, daemon);
    }

    /// <summary>A service instance: a host whose daemon runs the projection in HotCold mode, leading under <paramref name="leaderLock"/>.</summary>
    public static Task<IHost> StartHostAsync(EventStore store, Projection projection, int leaderLock) =>
        StartHostAsync(store, HandlerSubscription.For(projection, store.DataSource, store.Registry), leaderLock);

    /// <summary>A service instance whose daemon runs <paramref name="subscription"/> in HotCold mode, leading under <paramref name="leaderLock"/>.</summary>
    public static async Task<IHost> StartHostAsync(EventStore store, HandlerSubscription subscription, int leaderLock)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMarten(options =>
        {
            MartenStoreSetup.Configure(options, store.DataSource, store.Schema, store.Registry);
            options.Events.Subscribe(subscription);
            options.Projections.DaemonLockId = leaderLock;
            options.Projections.LeadershipPollingTime = 250;
            options.Projections.StaleSequenceThreshold = TimeSpan.FromSeconds(2);
        }).AddAsyncDaemon(DaemonMode.HotCold);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.StopAllAsync();
        Daemon.Dispose();
        await _log.DisposeAsync();
    }
}
