using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Metrics;

public record MetricsBatchedItem(int Number);
public record MetricsSingleItem(int Number);
public record MetricsPoisonItem(int Number);

public sealed class MetricsBatchConsumer : IConsumer<Batch<MetricsBatchedItem>>
{
    public Task Consume(ConsumeContext<Batch<MetricsBatchedItem>> context) => Task.CompletedTask;
}

public sealed class MetricsBatchConsumerDefinition : ConsumerDefinition<MetricsBatchConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<MetricsBatchConsumer> consumer, IRegistrationContext context) =>
        consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(4).SetTimeLimit(TimeSpan.FromMilliseconds(50)));
}

public sealed class MetricsSingleConsumer : IConsumer<MetricsSingleItem>
{
    public Task Consume(ConsumeContext<MetricsSingleItem> context) => Task.CompletedTask;
}

public sealed class MetricsPoisonConsumer : IConsumer<MetricsPoisonItem>
{
    public Task Consume(ConsumeContext<MetricsPoisonItem> context) => throw new InvalidOperationException("never handled");
}

/// <summary>The consume and publish observers every service registers, on MassTransit's in-memory transport.</summary>
public sealed class When_consumers_handle_messages : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly PrometheusExporter _exporter = new([MonitorMetrics.MeterName]);
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddConsumeObserver<ConsumeMetricsObserver>()
            .AddPublishObserver<PublishMetricsObserver>()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<MetricsBatchConsumer, MetricsBatchConsumerDefinition>();
                bus.AddConsumer<MetricsSingleConsumer>();
                bus.AddConsumer<MetricsPoisonConsumer>();
            })
            .BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    private double Sample(string name, params (string, string)[] labels) => new Scraped(_exporter.Scrape()).Value(name, labels) ?? 0;

    [Fact]
    public async Task Should_count_every_item_of_a_batch_once()
    {
        for (var i = 0; i < 10; i++) await _harness.Bus.Publish(new MetricsBatchedItem(i));

        var counted = await Until.HoldsAsync(() => Sample("monitor_items_consumed_total", ("stage", "metrics-batched-item")) >= 10, Timeout);
        await Task.Delay(300); // anything counted twice would show by now

        Assert.True(counted);
        Assert.Equal(10, Sample("monitor_items_consumed_total", ("stage", "metrics-batched-item")));
    }

    [Fact]
    public async Task Should_count_single_messages_by_their_stage_and_what_was_published()
    {
        for (var i = 0; i < 3; i++) await _harness.Bus.Publish(new MetricsSingleItem(i));

        Assert.True(await Until.HoldsAsync(() => Sample("monitor_items_consumed_total", ("stage", "metrics-single-item")) == 3, Timeout));
        Assert.Equal(3, Sample("monitor_messages_published_total", ("message", "metrics-single-item")));
    }

    [Fact]
    public async Task Should_count_a_message_that_failed_as_a_consume_failure_and_not_as_consumed()
    {
        await _harness.Bus.Publish(new MetricsPoisonItem(1));
        await _harness.Bus.Publish(new MetricsPoisonItem(2));

        Assert.True(await Until.HoldsAsync(() => Sample("monitor_failures_total", ("kind", "consume"), ("stage", "metrics-poison-item")) == 2, Timeout));
        Assert.Equal(0, Sample("monitor_items_consumed_total", ("stage", "metrics-poison-item")));
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
        _exporter.Dispose();
    }
}
