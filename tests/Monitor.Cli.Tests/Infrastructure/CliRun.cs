using System.Diagnostics;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>What a run of the CLI left behind.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the CLI as ./monitor does (dotnet tools/Monitor.Cli/bin/&lt;Configuration&gt;/net10.0/monitor.dll), with the
/// environment the test gives, output captured; killed if it outlives its timeout.
/// </summary>
public static class CliRun
{
    public static string Assembly { get; } = Path.Combine(RepositoryRoot.Path, "tools", "Monitor.Cli", "bin", RepositoryRoot.Configuration, "net10.0", "monitor.dll");

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        if (!File.Exists(Assembly)) throw new InvalidOperationException($"{Assembly} does not exist: build tools/Monitor.Cli first.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"monitor {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0}s:\n{await output}\n{await error}");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, TimeSpan.FromSeconds(60), args);
}

/// <summary>
/// A CLI process left running, for tests that interrupt it. It starts as a terminal's foreground job does, with
/// SIGINT and SIGQUIT at their defaults: a test run started in the background of a script (`cmd &` without job
/// control, as CI and agents often do) ignores both, every process under it inherits that, and .NET keeps an
/// inherited SIG_IGN, so Ctrl+C would never reach the CLI's handler. GNU env resets them and execs dotnet in place.
/// </summary>
public sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    public RunningCli(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(CliRun.Assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _output = _process.StandardOutput.ReadToEndAsync();
        _error = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString()])!;
        if (!kill.WaitForExit(30_000) || kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -INT {_process.Id} did not succeed (the CLI has{(_process.HasExited ? "" : " not")} exited)");
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            var signals = SignalDispositions();
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the CLI did not exit within {timeout.TotalSeconds:0}s ({signals}):\n{await _output}\n{await _error}");
        }
        return new CliResult(_process.ExitCode, await _output, await _error);
    }

    /// <summary>The kernel's view of the CLI's signals (masks, SIGINT is bit 1), which tells an ignored or blocked SIGINT from a stuck handler.</summary>
    private string SignalDispositions()
    {
        try
        {
            return string.Join(' ', File.ReadLines($"/proc/{_process.Id}/status")
                .Where(line => line.StartsWith("SigBlk:") || line.StartsWith("SigIgn:") || line.StartsWith("SigCgt:"))
                .Select(line => line.Replace("\t", "")));
        }
        catch (IOException e)
        {
            return $"signal state unknown: {e.Message}";
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
