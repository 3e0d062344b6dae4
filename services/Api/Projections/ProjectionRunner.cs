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
    private readonly ConcurrentDictionary<string, string> _steppedAside = new(StringComparer.Ordinal);
    private volatile bool _storageReady;

    /// <summary>Projections that stopped on a batch their handler kept failing, with why.</summary>
    public IReadOnlyDictionary<string, string> Failures => _failures;

    /// <summary>Projections this instance stopped following because another release's version built them, with what to do.</summary>
    public IReadOnlyDictionary<string, string> SteppedAside => _steppedAside;

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
            if (subscription.SupersededBy is { } stored)
            {
                // Normal for an older instance during a rolling upgrade; after a rollback nobody projects the read model.
                var version = catalogue.Find(subscription.Name)!.Projection.Version;
                _steppedAside[subscription.Name] = stored > version
                    ? $"the store holds version {stored}, built by a newer release; this instance runs {version} and does not project it (after a rollback: ./monitor projections rebuild {subscription.Name} with this release)"
                    : $"the store holds version {stored}, rebuilt by an older release; this instance runs {version} and does not project it until it restarts";
            }
        }
        catch (SubscriptionFailedException e)
        {
            _failures[subscription.Name] = e.Message;
            logger.LogCritical(e, "Read model {Name} stopped: {Reason}. Fix the cause, then rebuild it or restart the API", subscription.Name, e.Message);
        }
    }

    /// <summary>
    /// Ready once every read model's tables exist and no projection has stopped; degraded (still ready: it serves what
    /// the read models hold) while it leaves a read model to an instance of another version.
    /// </summary>
    public sealed class HealthCheck(ProjectionRunner runner) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(
                !runner.StorageReady ? HealthCheckResult.Unhealthy("creating the read models' tables")
                : runner.Failures.Count > 0 ? HealthCheckResult.Unhealthy("read models stopped: " + string.Join("; ", runner.Failures.Select(f => $"{f.Key}: {f.Value}")))
                : runner.SteppedAside.Count > 0 ? HealthCheckResult.Degraded("read models left to another version: " + string.Join("; ", runner.SteppedAside.Select(f => $"{f.Key}: {f.Value}")))
                : HealthCheckResult.Healthy());
    }
}
