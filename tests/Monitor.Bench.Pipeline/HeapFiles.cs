namespace Monitor.Bench.Pipeline;

/// <summary>
/// A temporary folder with one file per service, into which the service's <see cref="StartupHook"/> writes its
/// managed heap; <see cref="SettingsFor"/> are the settings that load the hook into that service. Dispose deletes the folder.
/// </summary>
public sealed class HeapFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-bench-heap-").FullName;

    public string Of(string service) => Path.Combine(_folder, service + ".heap");

    /// <summary>The bench's own assembly is the hook: only StartupHook of it is loaded into the service.</summary>
    public IReadOnlyDictionary<string, string> SettingsFor(string service) => new Dictionary<string, string>
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
        [StartupHook.FileVariable] = Of(service),
    };

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
