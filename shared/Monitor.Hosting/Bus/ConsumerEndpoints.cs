using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Observability.Metrics;

namespace Monitor.Hosting.Bus;

/// <summary>
/// Whether each receive endpoint of the service is consuming, as MassTransit reports it: ready once its
/// consumer is subscribed to the queue; faulted (the connection lost, the channel closed, the consumer
/// cancelled), stopping or completed until it is ready again. Each change is logged, so a consumer that does
/// not take its queue up again after a broker restart shows in the log and in /health/ready
/// (check "queue coverage-ingested", and so on), which is unhealthy while it is not consuming.
/// </summary>
public sealed class ConsumerEndpoints(ILogger<ConsumerEndpoints> logger) : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, string?> _notConsuming = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _ready = new(StringComparer.Ordinal);

    /// <summary>Null while the queue's endpoint consumes; otherwise why not.</summary>
    public string? WhyNotConsuming(string queue) =>
        _ready.ContainsKey(queue) ? null : _notConsuming.TryGetValue(queue, out var reason) && reason is not null ? reason : "not started yet";

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (ServiceQueues.QueueOf(ready.InputAddress) is not { } queue) return Task.CompletedTask;
        _ready[queue] = 0;
        var wasDown = _notConsuming.TryRemove(queue, out _);
        logger.Log(wasDown ? LogLevel.Warning : LogLevel.Information, "Consuming {Queue}{Again}", queue, wasDown ? " again" : "");
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        if (ServiceQueues.QueueOf(faulted.InputAddress) is { } queue)
        {
            var reason = faulted.Exception?.GetBaseException().Message ?? "no reason given";
            NotConsuming(queue, $"faulted: {reason}");
            logger.LogWarning("Not consuming {Queue}: its endpoint faulted ({Reason}); MassTransit connects again", queue, reason);
        }
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        if (ServiceQueues.QueueOf(stopping.InputAddress) is { } queue) NotConsuming(queue, "stopping");
        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed)
    {
        if (ServiceQueues.QueueOf(completed.InputAddress) is { } queue)
        {
            // Completed without Stopping first: the channel or connection went away under the consumer (a broker
            // restart, the connection closed); MassTransit connects again and reports the endpoint ready.
            var stopping = _notConsuming.TryGetValue(queue, out var reason) && reason == "stopping";
            NotConsuming(queue, stopping ? "stopped" : "its channel closed; connecting again");
            if (stopping) logger.LogInformation("Stopped consuming {Queue} after {Count} deliveries", queue, completed.DeliveryCount);
            else logger.LogWarning("Not consuming {Queue}: its channel closed after {Count} deliveries; MassTransit connects again", queue, completed.DeliveryCount);
        }
        return Task.CompletedTask;
    }

    private void NotConsuming(string queue, string reason)
    {
        _ready.TryRemove(queue, out _);
        _notConsuming[queue] = reason;
    }

    /// <summary>Healthy while the queue's endpoint consumes (tagged ready, so it joins /health/ready).</summary>
    internal sealed class HealthCheck(ConsumerEndpoints endpoints, string queue) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(endpoints.WhyNotConsuming(queue) is { } reason
                ? HealthCheckResult.Unhealthy($"not consuming {queue}: {reason}")
                : HealthCheckResult.Healthy($"consuming {queue}"));
    }
}
