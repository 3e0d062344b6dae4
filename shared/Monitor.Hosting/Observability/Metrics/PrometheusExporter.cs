using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// Listens to the instruments of the chosen meters (System.Diagnostics.Metrics) and writes what they
/// measured in the Prometheus text format: counters as _total, up-down counters and gauges as gauge,
/// histograms with cumulative buckets, _sum and _count. <paramref name="constantLabels"/> (the service's
/// name) go on every series. Observable instruments are read at each scrape.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>More label combinations than this on one instrument are dropped (and counted), so a bad label cannot exhaust memory.</summary>
    public const int MaxSeriesPerInstrument = 2000;

    public static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly HashSet<string> _meters;
    private readonly KeyValuePair<string, string>[] _constantLabels;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _scrapeLock = new();
    private long _droppedSeries;

    public PrometheusExporter(IEnumerable<string> meterNames, IReadOnlyDictionary<string, string>? constantLabels = null)
    {
        _meters = meterNames.ToHashSet(StringComparer.Ordinal);
        _constantLabels = (constantLabels ?? new Dictionary<string, string>())
            .Select(l => KeyValuePair.Create(PrometheusText.LabelName(l.Key), l.Value))
            .ToArray();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!_meters.Contains(instrument.Meter.Name) || InstrumentKinds.Of(instrument) is not { } kind) return;
            _instruments[instrument] = new InstrumentState(instrument, kind);
            listener.EnableMeasurementEvents(instrument, _instruments[instrument]);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => Record(state, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, state) => Record(state, (double)v, tags));
        _listener.Start();
    }

    /// <summary>Label combinations dropped because an instrument already had <see cref="MaxSeriesPerInstrument"/>.</summary>
    public long DroppedSeries => Interlocked.Read(ref _droppedSeries);

    /// <summary>Everything measured so far, in the Prometheus text format.</summary>
    public string Scrape()
    {
        lock (_scrapeLock)
        {
            foreach (var state in _instruments.Values.Where(s => s.Instrument.IsObservable)) state.Series.Clear();
            _listener.RecordObservableInstruments();

            var text = new StringBuilder(4096);
            // Two instruments may export under one name (the same name on two Meter objects): one HELP/TYPE for both.
            foreach (var family in _instruments.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = family.First();
                text.Append("# HELP ").Append(family.Key).Append(' ').Append(PrometheusText.EscapeHelp(first.Help)).Append('\n');
                text.Append("# TYPE ").Append(family.Key).Append(' ').Append(first.Kind.PrometheusType()).Append('\n');
                foreach (var state in family)
                foreach (var series in state.Series.Values)
                    WriteSeries(text, family.Key, state.Kind, series);
            }
            return text.ToString();
        }
    }

    private void WriteSeries(StringBuilder text, string name, InstrumentKind kind, MetricSeries series)
    {
        var (value, count, cumulative) = series.Snapshot();
        if (kind != InstrumentKind.Histogram)
        {
            WriteSample(text, name, series.Labels, null, value);
            return;
        }
        var bounds = series.BucketBounds!;
        for (var i = 0; i < cumulative!.Length; i++)
            WriteSample(text, name + "_bucket", series.Labels, i < bounds.Length ? PrometheusText.Number(bounds[i]) : "+Inf", cumulative[i]);
        WriteSample(text, name + "_sum", series.Labels, null, value);
        WriteSample(text, name + "_count", series.Labels, null, count);
    }

    private void WriteSample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        var written = 0;
        void Label(string key, string labelValue)
        {
            text.Append(written++ == 0 ? '{' : ',').Append(key).Append("=\"").Append(PrometheusText.EscapeLabelValue(labelValue)).Append('"');
        }
        foreach (var label in _constantLabels) Label(label.Key, label.Value);
        foreach (var label in labels) Label(label.Key, label.Value);
        if (le is not null) Label("le", le);
        if (written > 0) text.Append('}');
        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    private void Record(object? stateObject, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (stateObject is not InstrumentState state) return;
        var series = state.SeriesFor(tags, ref _droppedSeries);
        if (series is null) return;
        switch (state.Kind)
        {
            case InstrumentKind.Counter or InstrumentKind.UpDownCounter: series.Add(value); break;
            case InstrumentKind.Histogram: series.Observe(value); break;
            default: series.Set(value); break;
        }
    }

    public void Dispose() => _listener.Dispose();

    private sealed class InstrumentState(Instrument instrument, InstrumentKind kind)
    {
        public Instrument Instrument { get; } = instrument;
        public InstrumentKind Kind { get; } = kind;
        public string Name { get; } = PrometheusText.MetricName(instrument.Name, instrument.Unit, kind);
        public string Help { get; } = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        public ConcurrentDictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);

        private readonly double[]? _buckets = kind == InstrumentKind.Histogram
            ? BucketsOf(instrument) ?? DefaultBuckets
            : null;

        private static double[]? BucketsOf(Instrument instrument) => instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries?.ToArray(),
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };

        public MetricSeries? SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags, ref long dropped)
        {
            var labels = new KeyValuePair<string, string>[tags.Length];
            for (var i = 0; i < tags.Length; i++)
                labels[i] = KeyValuePair.Create(PrometheusText.LabelName(tags[i].Key), Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var key = string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value));
            if (Series.TryGetValue(key, out var existing)) return existing;
            if (Series.Count >= MaxSeriesPerInstrument)
            {
                Interlocked.Increment(ref dropped);
                return null;
            }
            return Series.GetOrAdd(key, _ => new MetricSeries(labels, _buckets));
        }
    }
}
