using System.Collections.Concurrent;
using System.Diagnostics;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>
/// One Monitor service run as its own OS process (<c>dotnet services/X/bin/.../Monitor.X.dll</c>),
/// its output captured for the test log, killed with its process tree on dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int MaxCapturedLines = 4_000;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(string folder, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = RepositoryLayout.ServiceAssembly(folder);
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"{assembly} does not exist: build the solution ({RepositoryLayout.Configuration}) first.");

        var port = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost(), $"\"{assembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["MONITOR_LOG_FORMAT"] = "text";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(folder.ToLowerInvariant(), new Uri($"http://127.0.0.1:{port}"), process);
        process.OutputDataReceived += (_, e) => service.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => service.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until /health/ready answers 200 (database and broker reachable), or fails with the process's output.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitForAsync("/health/ready", timeout);

    /// <summary>Waits until /health/live answers 200 (the process serves HTTP), or fails with the process's output.</summary>
    public Task WaitUntilLiveAsync(TimeSpan timeout) => WaitForAsync("/health/live", timeout);

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

    public string Output() => string.Join('\n', _output);

    private void Capture(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > MaxCapturedLines) _output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        finally { _process.Dispose(); }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
