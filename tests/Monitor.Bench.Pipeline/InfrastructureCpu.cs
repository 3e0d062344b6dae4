using System.Diagnostics;

namespace Monitor.Bench.Pipeline;

/// <summary>
/// Processor time of the broker (beam.smp) and the database (every postgres process) on this machine,
/// read from /proc: what the pipeline costs beyond its own services. Backends that exit during the
/// run take their time with them, so the database figure is a floor; the pipeline's connections are
/// pooled and live through the run.
/// </summary>
public static class InfrastructureCpu
{
    public static IReadOnlyDictionary<string, TimeSpan> Read()
    {
        var totals = new Dictionary<string, TimeSpan> { ["rabbitmq"] = TimeSpan.Zero, ["postgres"] = TimeSpan.Zero };
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                var group = process.ProcessName switch
                {
                    "beam.smp" => "rabbitmq",
                    "postgres" => "postgres",
                    _ => null,
                };
                if (group is null) continue;
                try { totals[group] += process.TotalProcessorTime; }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
        }
        return totals;
    }
}
