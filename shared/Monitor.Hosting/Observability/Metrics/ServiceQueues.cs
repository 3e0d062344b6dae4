using System.Collections.Concurrent;
using MassTransit;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// The queues this service consumes from: MassTransit's receive endpoints as they become ready (the bus's
/// own temporary endpoint left out). Each comes with its _error queue.
/// </summary>
public sealed class ServiceQueues : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _queues.Keys.Order(StringComparer.Ordinal).ToList();

    public void Add(string queue) => _queues.TryAdd(queue, 0);

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (QueueOf(ready.InputAddress) is { } queue) Add(queue);
        return Task.CompletedTask;
    }

    /// <summary>"rabbitmq://host/vhost/coverage-ingested" -> coverage-ingested; null for a temporary (auto-deleted) endpoint.</summary>
    public static string? QueueOf(Uri inputAddress)
    {
        var query = inputAddress.Query;
        if (query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase) || query.Contains("autodelete=", StringComparison.OrdinalIgnoreCase))
            return null;
        var name = inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
        return name.Length == 0 ? null : Uri.UnescapeDataString(name);
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
