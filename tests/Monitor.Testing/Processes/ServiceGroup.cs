namespace Monitor.Testing.Processes;

/// <summary>
/// Several Monitor services, each its own process, sharing one environment (database, schema, broker).
/// Instances are known by a key (the folder name, or e.g. "extraction-2" for a second instance).
/// Dispose kills them all.
/// </summary>
public class ServiceGroup(IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, ServiceProcess> _services = new();
    private readonly List<string> _gone = new();

    public ServiceProcess this[string key] => _services[key];

    public IReadOnlyCollection<string> Keys => _services.Keys;

    /// <summary>Starts each folder's service under its folder name and waits until all are ready.</summary>
    public Task StartAsync(params string[] folders) => StartAsync(folders, ReadyTimeout);

    /// <summary>
    /// Starts each folder's service under its folder name, all at once, and waits up to <paramref name="readyTimeout"/>
    /// until all are ready. <paramref name="settingsOf"/> gives a service settings of its own on top of the group's.
    /// </summary>
    public async Task StartAsync(IReadOnlyList<string> folders, TimeSpan readyTimeout,
        Func<string, IReadOnlyDictionary<string, string>>? settingsOf = null)
    {
        foreach (var folder in folders) Launch(folder, folder, settingsOf?.Invoke(folder));
        await Task.WhenAll(folders.Select(f => _services[f].WaitUntilReadyAsync(readyTimeout)));
    }

    public void StartWithoutWaiting(params string[] folders)
    {
        foreach (var folder in folders) Launch(folder, folder, null);
    }

    /// <summary>Another instance of a service (a standby relay, a second worker), reachable under <paramref name="key"/>.</summary>
    public Task StartInstanceAsync(string folder, string key, IReadOnlyDictionary<string, string>? extra = null)
    {
        Launch(folder, key, extra);
        return _services[key].WaitUntilReadyAsync(ReadyTimeout);
    }

    /// <summary>
    /// Kills one instance with SIGKILL, as a crash would (or forgets one that exited by itself);
    /// its output stays in <see cref="Output"/>.
    /// </summary>
    public async Task KillAsync(string key)
    {
        var service = _services[key];
        await service.KillAsync();
        _gone.Add(Describe(service) + " (killed)");
        _services.Remove(key);
        await service.DisposeAsync();
    }

    /// <summary>Every process's captured output, for the test log when something failed.</summary>
    public string Output() => string.Join("\n\n", _gone.Concat(_services.Values.Select(Describe)));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values) await service.DisposeAsync();
        _services.Clear();
        GC.SuppressFinalize(this);
    }

    private void Launch(string folder, string key, IReadOnlyDictionary<string, string>? extra)
    {
        if (_services.ContainsKey(key)) throw new InvalidOperationException($"{key} is already running");
        var settings = new Dictionary<string, string>(environment);
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) settings[name] = value;
        _services[key] = ServiceProcess.Start(folder, settings, key.ToLowerInvariant());
    }

    private static string Describe(ServiceProcess s) =>
        $"===== {s.Name}{(s.HasExited ? " (exited)" : "")} =====\n{s.Output()}";
}
