using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Bench.Alerts;

/// <summary>
/// The pipeline and the alerts service, each its own OS process started from its build output
/// (<c>dotnet services/X/bin/{Configuration}/net10.0/Monitor.X.dll</c>), all on one schema and vhost, each on
/// a free loopback port. Dispose kills them; their last output lines are kept to explain a failure.
/// </summary>
public sealed class ServiceProcesses(IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Folders = ["Ingestion", "Extraction", "Sentiment", "Relay", "Alerts"];
    private const int KeptLines = 200;

    private readonly List<Running> _running = [];

    private sealed record Running(string Name, Process Process, Uri Address, ConcurrentQueue<string> Output);

    public Uri AddressOf(string folder) => _running.Single(r => r.Name == folder).Address;

    public async Task StartAllAsync(TimeSpan readyTimeout)
    {
        foreach (var folder in Folders) Start(folder);
        await Task.WhenAll(_running.Select(s => WaitUntilReadyAsync(s, readyTimeout)));
    }

    private void Start(string folder)
    {
        var assembly = Path.Combine(RepositoryLayout.Root, "services", folder, "bin", RepositoryLayout.Configuration, "net10.0", $"Monitor.{folder}.dll");
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"{assembly} does not exist: build tests/Monitor.Bench.Alerts ({RepositoryLayout.Configuration}), which builds the services too.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
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

        var process = new Process { StartInfo = start };
        var output = new ConcurrentQueue<string>();
        void Capture(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > KeptLines) output.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _running.Add(new Running(folder, process, new Uri($"http://127.0.0.1:{port}"), output));
    }

    private static async Task WaitUntilReadyAsync(Running service, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (service.Process.HasExited)
                throw new InvalidOperationException($"{service.Name} exited with code {service.Process.ExitCode} before it was ready:\n{string.Join('\n', service.Output)}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{service.Name} was not ready within {timeout.TotalSeconds:0} s:\n{string.Join('\n', service.Output)}");
    }

    /// <summary>Processor time each service used so far (to see which one is the busy one).</summary>
    public IEnumerable<(string Name, TimeSpan Cpu)> CpuTimes()
    {
        foreach (var s in _running)
        {
            TimeSpan cpu;
            try { s.Process.Refresh(); cpu = s.Process.TotalProcessorTime; }
            catch (InvalidOperationException) { continue; }
            yield return (s.Name, cpu);
        }
    }

    public string Output() => string.Join("\n\n", _running.Select(s => $"===== {s.Name} =====\n{string.Join('\n', s.Output)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _running)
        {
            try
            {
                if (!s.Process.HasExited) s.Process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await s.Process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
            finally { s.Process.Dispose(); }
        }
        _running.Clear();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }
}
