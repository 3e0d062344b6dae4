using System.Globalization;
using Monitor.Testing.Processes;

namespace Monitor.Bench.Pipeline;

/// <summary>One look at a service's memory: resident set and managed heap (as of its last collection), in MB.</summary>
public sealed record MemorySample(TimeSpan At, string Service, double RssMb, double GcHeapMb);

/// <summary>
/// Samples every service's memory at a fixed interval while a steady load runs, then prints a table
/// and the slope per service (least squares, MB per minute) over the second half of the run: start-up,
/// JIT, pool growth and a backlog built while the machine was busy are not a leak, and on a shared
/// machine they can last minutes.
/// </summary>
public sealed class MemorySampler(ServiceGroup services, IReadOnlyList<string> folders, HeapFiles heapFiles)
{
    private readonly List<MemorySample> _samples = new();

    public IReadOnlyList<MemorySample> Samples => _samples;

    public void Sample(TimeSpan at)
    {
        foreach (var folder in folders)
            if (services[folder].ResidentBytes() is { } rss)
                _samples.Add(new MemorySample(at, folder, rss / 1048576.0, ReadHeapMb(heapFiles.Of(folder))));
    }

    public void Print(TextWriter output)
    {
        var names = _samples.Select(s => s.Service).Distinct().ToList();
        output.WriteLine("memory (RSS / GC heap after the last collection, MB):");
        output.WriteLine("  " + "time".PadLeft(6) + string.Concat(names.Select(n => n.ToLowerInvariant().PadLeft(22))));
        foreach (var at in _samples.Select(s => s.At).Distinct())
        {
            output.WriteLine("  " + $"{at.TotalSeconds:0} s".PadLeft(6) + string.Concat(names.Select(n =>
            {
                var s = _samples.FirstOrDefault(x => x.At == at && x.Service == n);
                return (s is null ? "-" : $"{s.RssMb,7:0.0} / {s.GcHeapMb,6:0.0}").PadLeft(22);
            })));
        }
        var secondHalf = _samples.Count == 0 ? TimeSpan.Zero : _samples.Max(s => s.At) / 2;
        output.WriteLine($"  slope from {secondHalf.TotalSeconds:0} s on (MB/min, RSS / GC heap): " + string.Join(", ", names.Select(n =>
        {
            var later = _samples.Where(s => s.Service == n && s.At >= secondHalf).ToList();
            return $"{n.ToLowerInvariant()} {Slope(later, s => s.RssMb):+0.00;-0.00} / {Slope(later, s => s.GcHeapMb):+0.00;-0.00}";
        })));
    }

    /// <summary>Least-squares slope per minute; NaN with fewer than two samples.</summary>
    public static double Slope(IReadOnlyList<MemorySample> samples, Func<MemorySample, double> value)
    {
        if (samples.Count < 2) return double.NaN;
        var xs = samples.Select(s => s.At.TotalMinutes).ToArray();
        var ys = samples.Select(value).ToArray();
        var (mx, my) = (xs.Average(), ys.Average());
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        return sxx == 0 ? double.NaN : xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
    }

    private static double ReadHeapMb(string file)
    {
        try
        {
            var parts = File.ReadAllText(file).Split(' ');
            return long.Parse(parts[0], CultureInfo.InvariantCulture) / 1048576.0;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { return double.NaN; }
    }
}
