using System.Diagnostics.Metrics;

namespace Monitor.Hosting.Observability;

/// <summary>
/// Monitor's own instruments, all on the meter "Monitor" and exported at /metrics. The event store
/// counts its appends on a meter of the same name (monitor_events_appended_total).
/// </summary>
public static class MonitorMetrics
{
    public const string MeterName = "Monitor";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly double[] AlertLatencyBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Messages a consumer handled successfully, by stage (the message it consumes, e.g. coverage-ingested).</summary>
    public static readonly Counter<long> ItemsConsumed = Meter.CreateCounter<long>(
        "monitor.items.consumed", "{item}", "Messages consumed successfully, one per item of a batch.");

    /// <summary>Messages published to the broker and confirmed by it, by message.</summary>
    public static readonly Counter<long> MessagesPublished = Meter.CreateCounter<long>(
        "monitor.messages.published", "{message}", "Messages published and confirmed by the broker.");

    /// <summary>Failures by kind: consume (a message that failed after its retries), publish, relay (a batch not checkpointed).</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "monitor.failures", "{failure}", "Failures by kind: consume (a message that still failed after its retries and went to _error), publish, relay (a batch not confirmed, to be published again).");

    /// <summary>From the scored mention's ingestion to the alert it raised.</summary>
    public static readonly Histogram<double> AlertLatency = Meter.CreateHistogram(
        "monitor.alert.latency", "s", "Seconds from a mention's ingestion to the alert it raised.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AlertLatencyBuckets });

    /// <summary>
    /// Records one alert's latency: from when the newest mention that raised it was ingested (its
    /// CoverageIngested event's timestamp) until the alert was raised, labelled with the rule's kind
    /// (negative-share, volume-spike, ...: a handful of values, unlike rule ids).
    /// </summary>
    public static void RecordAlertLatency(TimeSpan latency, string? ruleKind = null)
    {
        if (latency < TimeSpan.Zero) latency = TimeSpan.Zero;
        if (ruleKind is null) AlertLatency.Record(latency.TotalSeconds);
        else AlertLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("kind", ruleKind));
    }

    public static void Failed(string kind) => Failures.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
