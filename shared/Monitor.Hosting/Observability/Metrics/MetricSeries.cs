namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// One time series of an instrument (one set of label values). Measurements arrive on many threads
/// at once, so every change happens under the series' lock; a scrape reads a consistent snapshot.
/// </summary>
internal sealed class MetricSeries(IReadOnlyList<KeyValuePair<string, string>> labels, double[]? bucketBounds)
{
    private readonly Lock _lock = new();
    private readonly long[]? _bucketCounts = bucketBounds is null ? null : new long[bucketBounds.Length + 1];
    private double _value;
    private long _count;

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;
    public double[]? BucketBounds { get; } = bucketBounds;

    public void Add(double amount)
    {
        lock (_lock) _value += amount;
    }

    public void Set(double value)
    {
        lock (_lock) _value = value;
    }

    public void Observe(double value)
    {
        var bounds = BucketBounds!;
        var bucket = bounds.Length;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (value <= bounds[i]) { bucket = i; break; }
        }
        lock (_lock)
        {
            _bucketCounts![bucket]++;
            _value += value;
            _count++;
        }
    }

    /// <summary>The value (sum for a histogram), the count, and for a histogram the cumulative count per upper bound (the last is +Inf).</summary>
    public (double Value, long Count, long[]? Cumulative) Snapshot()
    {
        lock (_lock)
        {
            if (_bucketCounts is null) return (_value, _count, null);
            var cumulative = new long[_bucketCounts.Length];
            long running = 0;
            for (var i = 0; i < cumulative.Length; i++) cumulative[i] = running += _bucketCounts[i];
            return (_value, _count, cumulative);
        }
    }
}
