using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.EventStore;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// Projections kept live by Marten's daemon in the test process, hosted as the API hosts its read models (HotCold,
/// under a leader lock of this scenario's own), so the daemon's coordinator restarts what a database outage stopped;
/// stopped on dispose.
/// </summary>
public sealed class ProjectionDaemon : IAsyncDisposable
{
    private readonly IHost _host;
    private int _stopped;

    private ProjectionDaemon(IHost host) => _host = host;

    public static async Task<ProjectionDaemon> StartAsync(EventStore.EventStore store, IReadOnlyList<Projection> projections)
    {
        var rebuilder = new ProjectionRebuilder(store);
        foreach (var projection in projections) await rebuilder.PrepareAsync(projection, default);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMarten(options =>
        {
            MartenStoreSetup.Configure(options, store.DataSource, store.Schema, store.Registry);
            foreach (var projection in projections) options.Events.Subscribe(HandlerSubscription.For(projection, store.DataSource, store.Registry));
            options.Projections.DaemonLockId = Random.Shared.Next(1_000_000, int.MaxValue);
        }).AddAsyncDaemon(DaemonMode.HotCold);
        var host = builder.Build();
        await host.StartAsync();
        return new ProjectionDaemon(host);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _host.StopAsync();
        _host.Dispose();
    }
}
