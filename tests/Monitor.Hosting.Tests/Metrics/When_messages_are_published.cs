using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Metrics;

public record MetricsPublishedItem(int Number);

/// <summary>The publish observer every service with a MassTransit bus registers (the feeds), on MassTransit's in-memory transport.</summary>
public sealed class When_messages_are_published : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private MetricsEndpoint _metrics = null!;
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        _provider = new ServiceCollection()
            .AddPublishObserver<PublishMetricsObserver>()
            .AddMassTransitTestHarness()
            .BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    private async Task<double> Sample(string name, params (string, string)[] labels) => (await _metrics.ScrapeAsync()).Value(name, labels) ?? 0;

    [Fact]
    public async Task Should_count_what_was_published_by_message()
    {
        for (var i = 0; i < 3; i++) await _harness.Bus.Publish(new MetricsPublishedItem(i));

        Assert.True(await Until.HoldsAsync(async () => await Sample("monitor_messages_published_total", ("message", "metrics-published-item")) == 3, Timeout));
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
        await _metrics.DisposeAsync();
    }
}
