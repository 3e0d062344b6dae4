using System.Diagnostics;

namespace Monitor.Bench.EventStore;

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
        {
            long rows = 0;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                while (stopwatch.Elapsed < Duration)
                    Interlocked.Add(ref rows, await worker(w));
            })));
            rates.Add(rows / stopwatch.Elapsed.TotalSeconds);
        }
        var median = rates.Order().ElementAt(rates.Count / 2);
        Print(name, median, rates);
        return median;
    }

    public static void Print(string name, double median, IReadOnlyCollection<double> runs) =>
        Console.WriteLine($"{name,-58} {median,10:N0} rows/s   (runs: {string.Join(", ", runs.Select(r => r.ToString("N0")))})");
}
