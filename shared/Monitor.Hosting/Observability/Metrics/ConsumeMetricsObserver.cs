using System.Collections.Concurrent;
using MassTransit;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// Counts what the service's consumers handle, by stage (the consumed message in kebab case, coverage-ingested):
/// monitor_items_consumed_total, and monitor_failures_total{kind="consume"} for a message that still failed
/// after its retries (it goes to the endpoint's _error queue). MassTransit reports each message of a batch on
/// its own once the batch is done, so a batch of 200 counts 200; the batch itself is not counted again.
/// </summary>
public sealed class ConsumeMetricsObserver : IConsumeObserver
{
    private static readonly ConcurrentDictionary<Type, KeyValuePair<string, object?>?> Stages = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (StageOf(typeof(T)) is { } stage) MonitorMetrics.ItemsConsumed.Add(1, stage);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (StageOf(typeof(T)) is { } stage) MonitorMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", "consume"), stage);
        return Task.CompletedTask;
    }

    private static KeyValuePair<string, object?>? StageOf(Type messageType) =>
        Stages.GetOrAdd(messageType, type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Batch<>)
            ? null
            : new KeyValuePair<string, object?>("stage", Bus.MonitorBus.KebabCase(type)));
}
