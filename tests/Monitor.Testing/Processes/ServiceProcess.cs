using System.Diagnostics;

namespace Monitor.Testing.Processes;

/// <summary>
/// One Monitor service run as its own OS process (<c>dotnet services/X/bin/.../Monitor.X.dll</c>) on
/// a free loopback port, its output captured for the test log. <see cref="Kill"/> is a crash
/// (SIGKILL, no shutdown code runs); dispose does the same.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputLog _output = new();

    private ServiceProcess(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Where a service's build output is: services/{folder}/bin/{Configuration}/net10.0/Monitor.{folder}.dll.</summary>
    public static string AssemblyOf(string folder) =>
        Path.Combine(RepositoryRoot.Path, "services", folder, "bin", RepositoryRoot.Configuration, "net10.0", $"Monitor.{folder}.dll");

    /// <param name="folder">The service's folder under services/ (Ingestion, Extraction, ...).</param>
    /// <param name="environment">Its settings (MONITOR_POSTGRES, ...); the URL and log format are set here.</param>
    /// <param name="name">How the test log names this instance; the folder in lower case by default.</param>
    public static ServiceProcess Start(string folder, IReadOnlyDictionary<string, string> environment, string? name = null)
    {
        var assembly = AssemblyOf(folder);
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"{assembly} does not exist: build the solution ({RepositoryRoot.Configuration}) first.");

        var port = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost(), $"\"{assembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var (variable, value) in environment) start.Environment[variable] = value;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["MONITOR_LOG_FORMAT"] = "text";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(name ?? folder.ToLowerInvariant(), new Uri($"http://127.0.0.1:{port}"), process);
        process.OutputDataReceived += (_, e) => service._output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => service._output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Starts the service and waits until it is ready; a service that never gets there is killed and the wait fails with its output.</summary>
    public static async Task<ServiceProcess> StartReadyAsync(string folder, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var service = Start(folder, environment);
        try
        {
            await service.WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(90));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until /health/ready answers 200 (database and broker reachable), or fails with the process's output.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitForAsync("/health/ready", timeout);

    /// <summary>Waits until /health/live answers 200 (the process serves HTTP), or fails with the process's output.</summary>
    public Task WaitUntilLiveAsync(TimeSpan timeout) => WaitForAsync("/health/live", timeout);

    /// <summary>Waits until the process has exited by itself; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(wait.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    private async Task WaitForAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Output()}");
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} did not answer {path} within {timeout.TotalSeconds:0} s:\n{Output()}");
    }

    public string Output() => _output.ToString();

    /// <summary>Processor time (user and system) the process has used so far; null once it has exited.</summary>
    public TimeSpan? ProcessorTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>The process's resident set in bytes right now; null once it has exited.</summary>
    public long? ResidentBytes()
    {
        try
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>Kills the process tree with SIGKILL, as a crash would, and waits (bounded) until it is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
