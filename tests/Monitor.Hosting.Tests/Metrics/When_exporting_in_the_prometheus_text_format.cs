using System.Diagnostics.Metrics;

namespace Monitor.Hosting.Tests.Metrics;

/// <summary>What /metrics makes of each kind of instrument: the names and labels dashboards and alert rules query.</summary>
public sealed class When_exporting_in_the_prometheus_text_format : IAsyncLifetime
{
    // A meter of its own per test, so other tests' measurements never show up here.
    private readonly Meter _meter = new("Monitor.Tests." + Guid.NewGuid().ToString("N"));
    private MetricsEndpoint _metrics = null!;

    public async Task InitializeAsync() => _metrics = await MetricsEndpoint.StartAsync([_meter.Name], "extraction");

    private Task<Scraped> Scrape() => _metrics.ScrapeAsync();

    [Fact]
    public async Task Should_export_a_counter_as_total_with_help_type_and_the_service_label()
    {
        var consumed = _meter.CreateCounter<long>("monitor.items.consumed", "{item}", "Messages consumed.");
        consumed.Add(3, new KeyValuePair<string, object?>("stage", "coverage-ingested"));
        consumed.Add(4, new KeyValuePair<string, object?>("stage", "coverage-ingested"));
        consumed.Add(1, new KeyValuePair<string, object?>("stage", "content-extracted"));

        var scraped = await Scrape();

        Assert.Contains("# HELP monitor_items_consumed_total Messages consumed.\n", scraped.Text);
        Assert.Contains("# TYPE monitor_items_consumed_total counter\n", scraped.Text);
        Assert.Equal(7, scraped.Value("monitor_items_consumed_total", ("service", "extraction"), ("stage", "coverage-ingested")));
        Assert.Equal(1, scraped.Value("monitor_items_consumed_total", ("service", "extraction"), ("stage", "content-extracted")));
    }

    [Fact]
    public async Task Should_write_the_header_of_a_metric_once_however_many_series_it_has()
    {
        var counter = _meter.CreateCounter<long>("requests", null, "Requests.");
        for (var i = 0; i < 5; i++) counter.Add(1, new KeyValuePair<string, object?>("n", i));

        var scraped = await Scrape();

        Assert.Single(scraped.Lines("# TYPE requests_total"));
        Assert.Single(scraped.Lines("# HELP requests_total"));
        Assert.Equal(5, scraped.Lines("requests_total{").Count);
    }

    [Fact]
    public async Task Should_add_the_unit_to_the_name_and_keep_annotations_out_of_it()
    {
        _meter.CreateCounter<double>("dotnet.process.cpu.time", "s").Add(1.5);
        _meter.CreateUpDownCounter<long>("dotnet.gc.heap.size", "By").Add(2048);
        _meter.CreateCounter<long>("monitor.events.appended", "{event}").Add(2);
        _meter.CreateObservableGauge("monitor.relay.lag.events", () => 12L, "{event}");

        var scraped = await Scrape();

        Assert.Equal(1.5, scraped.Value("dotnet_process_cpu_time_seconds_total"));
        Assert.Equal(2048, scraped.Value("dotnet_gc_heap_size_bytes"));
        Assert.Equal(2, scraped.Value("monitor_events_appended_total"));
        Assert.Equal(12, scraped.Value("monitor_relay_lag_events"));
    }

    [Fact]
    public async Task Should_export_an_up_down_counter_as_a_gauge_that_goes_down()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("monitor.in_flight");
        inFlight.Add(5);
        inFlight.Add(-2);

        var scraped = await Scrape();

        Assert.Contains("# TYPE monitor_in_flight gauge\n", scraped.Text);
        Assert.Equal(3, scraped.Value("monitor_in_flight"));
    }

    [Fact]
    public async Task Should_read_observable_gauges_afresh_at_every_scrape()
    {
        var lag = 10L;
        _meter.CreateObservableGauge("monitor.queue.lag", () => new Measurement<long>(lag, new KeyValuePair<string, object?>("queue", "sentiment")), "{message}");

        var first = await Scrape();
        lag = 4;
        var second = await Scrape();

        Assert.Contains("# TYPE monitor_queue_lag gauge\n", first.Text);
        Assert.Equal(10, first.Value("monitor_queue_lag", ("queue", "sentiment")));
        Assert.Equal(4, second.Value("monitor_queue_lag", ("queue", "sentiment")));
    }

    [Fact]
    public async Task Should_export_a_histogram_with_the_buckets_its_instrument_advises_sum_and_count()
    {
        var latency = _meter.CreateHistogram<double>("monitor.alert.latency", "s", "Seconds to alert.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5] });
        latency.Record(0.25);
        latency.Record(1); // a bucket's bound is inclusive (le = "less or equal")
        latency.Record(2);
        latency.Record(100);

        var scraped = await Scrape();

        Assert.Contains("# TYPE monitor_alert_latency_seconds histogram\n", scraped.Text);
        Assert.Equal(2, scraped.Value("monitor_alert_latency_seconds_bucket", ("service", "extraction"), ("le", "1")));
        Assert.Equal(3, scraped.Value("monitor_alert_latency_seconds_bucket", ("le", "5")));
        Assert.Equal(4, scraped.Value("monitor_alert_latency_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(3, scraped.Lines("monitor_alert_latency_seconds_bucket").Count);
        Assert.Equal(103.25, scraped.Value("monitor_alert_latency_seconds_sum"));
        Assert.Equal(4, scraped.Value("monitor_alert_latency_seconds_count"));
    }

    [Fact]
    public async Task Should_leave_out_meters_it_was_not_asked_to_export()
    {
        using var other = new Meter("Other.Tests." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("not.mine").Add(1);
        _meter.CreateCounter<long>("mine").Add(1);

        var text = (await Scrape()).Text;

        Assert.Contains("mine_total", text);
        Assert.DoesNotContain("not_mine", text);
    }

    public async Task DisposeAsync()
    {
        await _metrics.DisposeAsync();
        _meter.Dispose();
    }
}
