using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.EventStore;
using Monitor.ReadModels;

namespace Monitor.Api.Projections;

/// <summary>
/// Keeps every read model up to date. Each projection's subscription takes an advisory lock, so with
/// several API instances one of them projects and the others stand by to take over.
/// </summary>
internal sealed class ProjectionRunner(EventStore.EventStore store, ReadModelCatalogue catalogue, ILogger<ProjectionRunner> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);
    private volatile bool _storageReady;

    /// <summary>Projections that stopped on a batch their handler kept failing, with why.</summary>
    public IReadOnlyDictionary<string, string> Failures => _failures;

    public bool StorageReady => _storageReady;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var subscriptions = new List<Subscription>();
        foreach (var model in catalogue.All)
            subscriptions.Add(await store.StartProjectionAsync(model.Projection, logger, ct));
        _storageReady = true;
        await Task.WhenAll(subscriptions.Select(s => RunAsync(s, ct)));
    }

    private async Task RunAsync(Subscription subscription, CancellationToken ct)
    {
        try
        {
            await subscription.RunAsync(ct);
        }
        catch (SubscriptionFailedException e)
        {
            _failures[subscription.Name] = e.Message;
            logger.LogCritical(e, "Read model {Name} stopped: {Reason}. Fix the cause, then rebuild it or restart the API", subscription.Name, e.Message);
        }
    }

    /// <summary>Ready once every read model's tables exist and no projection has stopped.</summary>
    public sealed class HealthCheck(ProjectionRunner runner) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(
                !runner.StorageReady ? HealthCheckResult.Unhealthy("creating the read models' tables")
                : runner.Failures.Count > 0 ? HealthCheckResult.Unhealthy("read models stopped: " + string.Join("; ", runner.Failures.Select(f => $"{f.Key}: {f.Value}")))
                : HealthCheckResult.Healthy());
    }
}
