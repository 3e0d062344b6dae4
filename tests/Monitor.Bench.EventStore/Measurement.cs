using System.Diagnostics;

namespace Monitor.Bench.EventStore;

/// <summary>A named unit of work run on <see cref="Workers"/> tasks; each call returns the rows it wrote.</summary>
public sealed record Scenario(string Name, int Workers, Func<int, Task<int>> Worker);

/// <summary>Runs a scenario a few times for a fixed duration each and reports the median rate.</summary>
public static class Measurement
{
    public static int Repetitions { get; set; } = 3;
    public static TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// <paramref name="worker"/> runs on <paramref name="workers"/> tasks until the deadline; each call
    /// does one unit of work and returns how many rows it wrote.
    /// </summary>
    public static async Task<double> RateAsync(string name, int workers, Func<int, Task<int>> worker)
    {
        var rates = new List<double>();
        for (var rep = 0; rep < Repetitions; rep++)
            rates.Add(await OnceAsync(workers, worker));
        var median = Median(rates);
        Print(name, median, rates);
        return median;
    }

    /// <summary>
    /// Runs a yardstick and a candidate alternately, so that load from other processes on this shared
    /// machine falls on both alike; the ratio is the median of the per-pair ratios.
    /// </summary>
    public static async Task<double> RatioAsync(Scenario yardstick, Scenario candidate)
    {
        var (a, b, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var rep = 0; rep < Repetitions; rep++)
        {
            a.Add(await OnceAsync(yardstick.Workers, yardstick.Worker));
            b.Add(await OnceAsync(candidate.Workers, candidate.Worker));
            ratios.Add(b[^1] / a[^1]);
        }
        Print(yardstick.Name, Median(a), a);
        Print(candidate.Name, Median(b), b);
        var ratio = Median(ratios);
        Console.WriteLine($"{"  ratio (median of alternating pairs)",-58} {ratio,10:0.00}        (pairs: {string.Join(", ", ratios.Select(r => r.ToString("0.00")))})");
        return ratio;
    }

    private static async Task<double> OnceAsync(int workers, Func<int, Task<int>> worker)
    {
        long rows = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < Duration)
                Interlocked.Add(ref rows, await worker(w));
        })));
        return rows / stopwatch.Elapsed.TotalSeconds;
    }

    public static double Median(IReadOnlyCollection<double> values) => values.Order().ElementAt(values.Count / 2);

    public static void Print(string name, double median, IReadOnlyCollection<double> runs) =>
        Console.WriteLine($"{name,-58} {median,10:N0} rows/s   (runs: {string.Join(", ", runs.Select(r => r.ToString("N0")))})");
}
