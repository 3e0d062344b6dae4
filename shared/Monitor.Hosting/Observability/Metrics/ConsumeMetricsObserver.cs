using System.Collections.Concurrent;
using MassTransit;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// Counts what every consumer of the service handles, by stage (the consumed message, kebab-case:
/// coverage-ingested): monitor_items_consumed_total, and monitor_failures_total{kind="consume"} for a
/// message that still failed after its retries (it goes to the endpoint's _error queue).
/// MassTransit reports each message of a batch consumer on its own, once the whole batch is done,
/// so a batch of 100 counts 100.
/// </summary>
public sealed class ConsumeMetricsObserver : IConsumeObserver
{
    private static readonly ConcurrentDictionary<Type, KeyValuePair<string, object?>> Stages = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        MonitorMetrics.ItemsConsumed.Add(1, StageOf(typeof(T)));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        MonitorMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", "consume"), StageOf(typeof(T)));
        return Task.CompletedTask;
    }

    private static KeyValuePair<string, object?> StageOf(Type messageType) =>
        Stages.GetOrAdd(messageType, type => new("stage", KebabCase(type.Name)));

    internal static string KebabCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
