using System.Diagnostics.Metrics;
using System.Globalization;
using Monitor.Hosting.Observability.Metrics;

namespace Monitor.Hosting.Tests.Metrics;

public sealed class When_exporting_in_the_prometheus_text_format : IDisposable
{
    // A meter of its own per test, so other tests' measurements never show up here.
    private readonly Meter _meter = new("Monitor.Tests." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusExporter _exporter;

    public When_exporting_in_the_prometheus_text_format()
    {
        _exporter = new PrometheusExporter([_meter.Name], new Dictionary<string, string> { ["service"] = "extraction" });
    }

    private Scraped Scrape() => new(_exporter.Scrape());

    [Fact]
    public void Should_export_a_counter_as_total_with_help_type_and_the_service_label()
    {
        var consumed = _meter.CreateCounter<long>("monitor.items.consumed", "{item}", "Messages consumed.");
        consumed.Add(3, new KeyValuePair<string, object?>("stage", "coverage-ingested"));
        consumed.Add(4, new KeyValuePair<string, object?>("stage", "coverage-ingested"));
        consumed.Add(1, new KeyValuePair<string, object?>("stage", "content-extracted"));

        var scraped = Scrape();

        Assert.Contains("# HELP monitor_items_consumed_total Messages consumed.\n# TYPE monitor_items_consumed_total counter\n", scraped.Text);
        Assert.Equal(7, scraped.Value("monitor_items_consumed_total", ("service", "extraction"), ("stage", "coverage-ingested")));
        Assert.Equal(1, scraped.Value("monitor_items_consumed_total", ("stage", "content-extracted")));
        Assert.Contains("monitor_items_consumed_total{service=\"extraction\",stage=\"coverage-ingested\"} 7\n", scraped.Text);
    }

    [Fact]
    public void Should_write_the_header_of_a_metric_once_however_many_series_it_has()
    {
        var counter = _meter.CreateCounter<long>("requests");
        for (var i = 0; i < 5; i++) counter.Add(1, new KeyValuePair<string, object?>("n", i));

        var scraped = Scrape();

        Assert.Single(scraped.Lines("# TYPE requests_total"));
        Assert.Single(scraped.Lines("# HELP requests_total"));
        Assert.Equal(5, scraped.Lines("requests_total{").Count);
    }

    [Fact]
    public void Should_add_the_unit_to_the_name_and_keep_annotations_out_of_it()
    {
        _meter.CreateCounter<double>("dotnet.process.cpu.time", "s").Add(1.5);
        _meter.CreateUpDownCounter<long>("dotnet.gc.heap.size", "By").Add(2048);
        _meter.CreateCounter<long>("monitor.events.appended", "{event}").Add(2);

        var scraped = Scrape();

        Assert.Equal(1.5, scraped.Value("dotnet_process_cpu_time_seconds_total"));
        Assert.Equal(2048, scraped.Value("dotnet_gc_heap_size_bytes"));
        Assert.Equal(2, scraped.Value("monitor_events_appended_total"));
    }

    [Fact]
    public void Should_export_an_up_down_counter_as_a_gauge_that_goes_down()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("monitor.in_flight");
        inFlight.Add(5);
        inFlight.Add(-2);

        var scraped = Scrape();

        Assert.Contains("# TYPE monitor_in_flight gauge\n", scraped.Text);
        Assert.Equal(3, scraped.Value("monitor_in_flight"));
    }

    [Fact]
    public void Should_read_observable_gauges_afresh_at_every_scrape()
    {
        var lag = 10L;
        _meter.CreateObservableGauge("monitor.queue.lag", () => new Measurement<long>(lag, new KeyValuePair<string, object?>("queue", "sentiment")), "{message}");

        var first = Scrape();
        lag = 4;
        var second = Scrape();

        Assert.Contains("# TYPE monitor_queue_lag gauge\n", first.Text);
        Assert.Equal(10, first.Value("monitor_queue_lag", ("queue", "sentiment")));
        Assert.Equal(4, second.Value("monitor_queue_lag", ("queue", "sentiment")));
    }

    [Fact]
    public void Should_export_an_observable_counter_as_its_latest_total()
    {
        var total = 7L;
        _meter.CreateObservableCounter("monitor.reads", () => total);

        var first = Scrape();
        total = 9;

        Assert.Equal(7, first.Value("monitor_reads_total"));
        Assert.Equal(9, Scrape().Value("monitor_reads_total"));
    }

    [Fact]
    public void Should_export_a_histogram_with_cumulative_buckets_sum_and_count()
    {
        var latency = _meter.CreateHistogram<double>("monitor.alert.latency", "s", "Seconds to alert.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5] });
        latency.Record(0.25);
        latency.Record(1); // a bucket's bound is inclusive (le = "less or equal")
        latency.Record(2);
        latency.Record(100);

        var scraped = Scrape();

        Assert.Contains("# TYPE monitor_alert_latency_seconds histogram\n", scraped.Text);
        Assert.Equal(
            [
                "monitor_alert_latency_seconds_bucket{service=\"extraction\",le=\"1\"} 2",
                "monitor_alert_latency_seconds_bucket{service=\"extraction\",le=\"5\"} 3",
                "monitor_alert_latency_seconds_bucket{service=\"extraction\",le=\"+Inf\"} 4",
            ],
            scraped.Lines("monitor_alert_latency_seconds_bucket"));
        Assert.Equal(103.25, scraped.Value("monitor_alert_latency_seconds_sum"));
        Assert.Equal(4, scraped.Value("monitor_alert_latency_seconds_count"));
    }

    [Fact]
    public void Should_use_the_default_buckets_when_a_histogram_gives_none()
    {
        _meter.CreateHistogram<double>("work.duration", "s").Record(0.2);

        var buckets = Scrape().Lines("work_duration_seconds_bucket");

        Assert.Equal(PrometheusExporter.DefaultBuckets.Length + 1, buckets.Count);
        Assert.Contains("work_duration_seconds_bucket{service=\"extraction\",le=\"0.25\"} 1", buckets);
        Assert.Contains("work_duration_seconds_bucket{service=\"extraction\",le=\"0.1\"} 0", buckets);
    }

    [Fact]
    public void Should_escape_backslashes_quotes_and_line_feeds_in_label_values_and_help()
    {
        var counter = _meter.CreateCounter<long>("monitor.failures", null, "Failures \\ by kind\nsecond line");
        counter.Add(1, new KeyValuePair<string, object?>("kind", "path C:\\dir \"quoted\"\nnext"));

        var scraped = Scrape();

        Assert.Contains("# HELP monitor_failures_total Failures \\\\ by kind\\nsecond line\n", scraped.Text);
        Assert.Contains("kind=\"path C:\\\\dir \\\"quoted\\\"\\nnext\"", scraped.Text);
        Assert.Equal(1, scraped.Value("monitor_failures_total", ("kind", "path C:\\dir \"quoted\"\nnext")));
    }

    [Fact]
    public void Should_turn_names_and_label_keys_into_legal_identifiers()
    {
        _meter.CreateCounter<long>("9lives-per.cat").Add(1, new KeyValuePair<string, object?>("gc.heap-generation", "gen0"));

        var scraped = Scrape();

        Assert.Equal(1, scraped.Value("_9lives_per_cat_total", ("gc_heap_generation", "gen0")));
    }

    [Fact]
    public void Should_write_numbers_in_the_invariant_culture_whatever_the_current_one()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            _meter.CreateUpDownCounter<double>("ratio").Add(0.5);

            Assert.Contains("ratio{service=\"extraction\"} 0.5\n", _exporter.Scrape());
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-0.125, "-0.125")]
    public void Should_write_special_and_large_numbers_as_the_format_spells_them(double value, string expected)
    {
        Assert.Equal(expected, PrometheusText.Number(value));
    }

    [Fact]
    public void Should_leave_out_meters_it_was_not_asked_to_export()
    {
        using var other = new Meter("Other.Tests." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("not.mine").Add(1);
        _meter.CreateCounter<long>("mine").Add(1);

        var text = _exporter.Scrape();

        Assert.Contains("mine_total", text);
        Assert.DoesNotContain("not_mine", text);
    }

    [Fact]
    public void Should_stop_adding_series_past_the_limit_and_count_what_it_dropped()
    {
        var counter = _meter.CreateCounter<long>("user.requests");
        for (var i = 0; i < PrometheusExporter.MaxSeriesPerInstrument + 10; i++)
            counter.Add(1, new KeyValuePair<string, object?>("user", i));

        var scraped = Scrape();

        Assert.Equal(PrometheusExporter.MaxSeriesPerInstrument, scraped.Lines("user_requests_total{").Count);
        Assert.Equal(10, _exporter.DroppedSeries);
    }

    [Fact]
    public async Task Should_lose_no_measurement_when_many_threads_add_at_once()
    {
        var counter = _meter.CreateCounter<long>("parallel");
        var histogram = _meter.CreateHistogram<double>("parallel.seconds", "s");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("stage", "a"));
                histogram.Record(0.01);
            }
        })));
        var scraped = Scrape();

        Assert.Equal(80_000, scraped.Value("parallel_total", ("stage", "a")));
        Assert.Equal(80_000, scraped.Value("parallel_seconds_count"));
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }
}
