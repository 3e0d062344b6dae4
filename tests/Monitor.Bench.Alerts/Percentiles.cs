namespace Monitor.Bench.Alerts;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Max, int Count)
{
    public static Percentiles Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Length);
    }

    public override string ToString() => $"p50={P50:0.##} p95={P95:0.##} p99={P99:0.##} ms (max {Max:0.##}, n={Count})";
}
