using System.Diagnostics;

namespace Monitor.Bench.Feeds;

public static class Timing
{
    /// <summary>Median wall time in ms of one run, over as many runs (1 to 25) as fit in the budget after a warm-up.</summary>
    public static double Median(Func<string> run, TimeSpan budget)
    {
        var warm = Stopwatch.StartNew();
        GC.KeepAlive(run());
        warm.Stop();
        var times = new List<double> { warm.Elapsed.TotalMilliseconds };
        var total = Stopwatch.StartNew();
        while (times.Count < 25 && total.Elapsed < budget && warm.Elapsed < budget)
        {
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(run());
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        if (times.Count > 1) times.RemoveAt(0); // the warm-up counts only when nothing else ran
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>
    /// What a run at <paramref name="nextSize"/> should take, from the growth between the last two sizes (linear at
    /// least; small sizes are too noisy to promise less).
    /// </summary>
    public static double Expected((int Size, double Ms)? previous, (int Size, double Ms) last, int nextSize)
    {
        var linear = last.Ms * nextSize / last.Size;
        if (previous is not { } p || p.Ms < 1) return linear;
        var exponent = Math.Log(last.Ms / p.Ms) / Math.Log((double)last.Size / p.Size);
        return Math.Max(linear, last.Ms * Math.Pow((double)nextSize / last.Size, Math.Clamp(exponent, 1, 3)));
    }
}
