namespace Monitor.Testing;

/// <summary>What benchmarks print beside their figures, so a reading taken on a busy machine shows as such.</summary>
public static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages, or "n/a" where the system does not say.</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
