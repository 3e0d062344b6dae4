using System.Globalization;

/// <summary>
/// Loaded into each service process the bench starts (DOTNET_STARTUP_HOOKS): every few seconds it
/// writes the process's managed heap size to the file named by MONITOR_BENCH_MEMORY_FILE, so the
/// bench can sample every service's GC heap without the services knowing about it. Uses only the
/// base library: nothing else of this assembly is loaded into the service.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "MONITOR_BENCH_MEMORY_FILE";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static Timer? _timer;

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(FileVariable);
        if (string.IsNullOrEmpty(path)) return;
        _timer = new Timer(_ => Write(path), null, TimeSpan.Zero, Interval);
    }

    private static void Write(string path)
    {
        try
        {
            // Heap size as of the last collection (what survives), and the bytes allocated on it right now.
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{GC.GetGCMemoryInfo().HeapSizeBytes} {GC.GetTotalMemory(forceFullCollection: false)}");
            File.WriteAllText(path + ".tmp", line);
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
