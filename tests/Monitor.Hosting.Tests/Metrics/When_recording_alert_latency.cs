using Monitor.Hosting.Observability;

namespace Monitor.Hosting.Tests.Metrics;

public sealed class When_recording_alert_latency
{
    [Fact]
    public async Task Should_count_the_alert_in_the_bucket_of_its_latency_by_rule_kind()
    {
        await using var metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        var kind = "test-kind-" + Guid.NewGuid().ToString("N")[..6];

        MonitorMetrics.RecordAlertLatency(TimeSpan.FromSeconds(3), kind);
        MonitorMetrics.RecordAlertLatency(TimeSpan.FromSeconds(-1), kind); // clock skew counts as 0, never negative
        var scraped = await metrics.ScrapeAsync();

        Assert.Equal(2, scraped.Value("monitor_alert_latency_seconds_count", ("kind", kind)));
        Assert.Equal(3, scraped.Value("monitor_alert_latency_seconds_sum", ("kind", kind)));
        Assert.Equal(1, scraped.Value("monitor_alert_latency_seconds_bucket", ("kind", kind), ("le", "0.1")));
        Assert.Equal(1, scraped.Value("monitor_alert_latency_seconds_bucket", ("kind", kind), ("le", "2.5")));
        Assert.Equal(2, scraped.Value("monitor_alert_latency_seconds_bucket", ("kind", kind), ("le", "5")));
    }
}
