using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Bench.Pipeline;

/// <summary>
/// The four pipeline services, each its own OS process started from its build output
/// (<c>dotnet services/X/bin/{Configuration}/net10.0/Monitor.X.dll</c>), all on one schema and vhost.
/// Dispose kills them; their last output lines are kept to explain a failure.
/// </summary>
public sealed class ServiceProcesses(IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Folders = ["Ingestion", "Extraction", "Sentiment", "Relay"];
    private const int KeptLines = 200;

    private readonly List<(string Name, Process Process, Uri Address, ConcurrentQueue<string> Output)> _running = new();

    public async Task StartAllAsync(TimeSpan readyTimeout)
    {
        foreach (var folder in Folders) Start(folder);
        await Task.WhenAll(_running.Select(s => WaitUntilReadyAsync(s.Name, s.Process, s.Address, s.Output, readyTimeout)));
    }

    private void Start(string folder)
    {
        var assembly = Path.Combine(RepositoryLayout.Root, "services", folder, "bin", RepositoryLayout.Configuration, "net10.0", $"Monitor.{folder}.dll");
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"{assembly} does not exist: build tests/Monitor.Bench.Pipeline ({RepositoryLayout.Configuration}), which builds the services too.");
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
        // The bench's own assembly reports each service's managed heap (see StartupHook).
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        start.Environment[StartupHook.FileVariable] = HeapFile(folder);

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
        _running.Add((folder, process, new Uri($"http://127.0.0.1:{port}"), output));
    }

    private static async Task WaitUntilReadyAsync(string name, Process process, Uri address, ConcurrentQueue<string> output, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready:\n{string.Join('\n', output)}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{name} was not ready within {timeout.TotalSeconds:0} s:\n{string.Join('\n', output)}");
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

    /// <summary>Each service's resident set (bytes) and the file its startup hook writes its GC heap to.</summary>
    public IEnumerable<(string Name, long Rss, string HeapFile)> Memory()
    {
        foreach (var s in _running)
        {
            long rss;
            try { s.Process.Refresh(); rss = s.Process.WorkingSet64; }
            catch (InvalidOperationException) { continue; }
            yield return (s.Name, rss, HeapFile(s.Name));
        }
    }

    private readonly string _heapFiles = Directory.CreateTempSubdirectory("monitor-bench-heap-").FullName;

    private string HeapFile(string service) => Path.Combine(_heapFiles, service + ".heap");

    public string Output() => string.Join("\n\n", _running.Select(s => $"===== {s.Name} =====\n{string.Join('\n', s.Output)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _, _) in _running)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
            finally { process.Dispose(); }
        }
        _running.Clear();
        try { Directory.Delete(_heapFiles, recursive: true); }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }
}
