using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.ReadModels;
using Npgsql;

namespace Monitor.Api.Projections;

/// <summary>
/// Keeps every read model up to date: each projection is a subscription under Marten's daemon (HotCold: with several
/// API instances one projects and another takes over). Before the daemon starts, each read model's tables are
/// created and, for a projection version the store holds no progress for, emptied for a replay from the start.
/// </summary>
internal sealed class ProjectionRunner(IProjectionCoordinator coordinator, ReadModelCatalogue catalogue)
{
    private volatile bool _storageReady;

    public bool StorageReady => _storageReady;

    /// <summary>The daemon of this instance (running the projections while it leads).</summary>
    public IProjectionDaemon Daemon => coordinator.DaemonForMainDatabase();

    /// <summary>The advisory lock the API's daemons lead under (HotCold).</summary>
    public int LeaderLock => EventStoreHosting.DaemonLockId(ApiHosting.ServiceName, catalogue.Schema);

    /// <summary>Whether this instance's daemon leads, so runs the projections.</summary>
    public bool Leads => Daemon.CurrentAgents().Count > 0;

    /// <summary>Read models whose subscription the daemon paused after its handler kept failing, with why.</summary>
    public IReadOnlyDictionary<string, string> Failures =>
        Daemon.CurrentAgents()
            .Where(a => a.Status == AgentStatus.Paused && catalogue.Find(a.Name.Name) is not null)
            .ToDictionary(a => a.Name.Name, a => a.Failure?.Message ?? "paused by the daemon");

    public static void Register(WebApplicationBuilder builder, ReadModelCatalogue catalogue)
    {
        builder.Services.AddSingleton<ProjectionRunner>();
        builder.BeforeDaemonStarts(async (services, ct) =>
        {
            var rebuilder = new ProjectionRebuilder(services.GetRequiredService<EventStore.EventStore>(), services.GetRequiredService<ILogger<ProjectionRunner>>());
            foreach (var model in catalogue.All) await rebuilder.PrepareAsync(model.Projection, ct);
            services.GetRequiredService<ProjectionRunner>()._storageReady = true;
        });
        foreach (var model in catalogue.All)
            builder.AddLogSubscription(services => HandlerSubscription.For(
                model.Projection, services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<EventTypeRegistry>()));
    }

    /// <summary>Ready once every read model's tables exist and the daemon has paused none of them.</summary>
    public sealed class HealthCheck(ProjectionRunner runner) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(
                !runner.StorageReady ? HealthCheckResult.Unhealthy("creating the read models' tables")
                : runner.Failures is { Count: > 0 } failures ? HealthCheckResult.Unhealthy("read models stopped: " + string.Join("; ", failures.Select(f => $"{f.Key}: {f.Value}")))
                : HealthCheckResult.Healthy());
    }
}
