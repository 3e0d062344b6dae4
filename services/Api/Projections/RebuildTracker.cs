using System.Collections.Concurrent;
using Monitor.EventStore;
using Monitor.ReadModels;

namespace Monitor.Api.Projections;

/// <summary>Rebuilds running in this process, one per read model at a time, with their latest progress.</summary>
internal sealed class RebuildTracker(EventStore.EventStore store, ProjectionRunner runner, IHostApplicationLifetime lifetime, ILogger<RebuildTracker> logger)
{
    private readonly ConcurrentDictionary<string, RebuildProgress?> _running = new(StringComparer.Ordinal);

    public bool IsRunning(string name) => _running.ContainsKey(name);

    public RebuildProgress? Progress(string name) => _running.GetValueOrDefault(name);

    /// <summary>Starts rebuilding in the background; false when a rebuild of the same read model is already running here.</summary>
    public bool Start(ReadModel model)
    {
        if (!_running.TryAdd(model.Name, null)) return false;
        // Reported synchronously: Progress<T> would post to the thread pool, and a late report could re-add a finished rebuild.
        var progress = new Reporter(p => _running.TryUpdate(model.Name, p, _running.GetValueOrDefault(model.Name)));
        _ = Task.Run(async () =>
        {
            try
            {
                // This instance's daemon replays it when it leads; another instance that leads refuses it here (logged).
                await new ProjectionRebuilder(store, logger).RebuildAsync(model.Projection, progress, lifetime.ApplicationStopping,
                    runner.Leads ? runner.Daemon : null, runner.LeaderLock);
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogError(e, "Rebuilding read model {Name} failed", model.Name);
            }
            finally
            {
                _running.TryRemove(model.Name, out _);
            }
        });
        return true;
    }

    private sealed class Reporter(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
