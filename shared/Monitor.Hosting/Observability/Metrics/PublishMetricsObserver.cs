using MassTransit;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// Counts what the service publishes through MassTransit (the feeds' CoverageReceived, the relay's events):
/// monitor_messages_published_total{message} once the broker confirmed it, monitor_failures_total{kind="publish"}
/// when it did not.
/// </summary>
public sealed class PublishMetricsObserver : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        MonitorMetrics.MessagesPublished.Add(1, new KeyValuePair<string, object?>("message", Bus.MonitorBus.KebabCase(typeof(T))));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class
    {
        MonitorMetrics.Failed("publish");
        return Task.CompletedTask;
    }
}
