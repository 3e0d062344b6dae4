using System.Diagnostics;

namespace Monitor.Deploy.Tests.Scripts;

/// <summary>
/// A scratch copy of deploy/local's scripts in a temporary "repository", so up.sh and down.sh can be
/// run against fake services without touching the real .monitor folder or the real services.
/// </summary>
public sealed class ScriptSandbox : IDisposable
{
    private readonly List<Process> started = [];

    public ScriptSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), $"monitor-scripts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Root, "deploy/local"));
        foreach (var script in new[] { "up.sh", "down.sh", "services.sh" })
        {
            var target = Path.Combine(Root, "deploy/local", script);
            File.Copy(Repository.PathOf($"deploy/local/{script}"), target);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(target, File.GetUnixFileMode(Repository.PathOf($"deploy/local/{script}")));
        }
        Directory.CreateDirectory(PidDirectory);
    }

    public string Root { get; }
    public string PidDirectory => Path.Combine(Root, ".monitor/pids");
    public string LogDirectory => Path.Combine(Root, ".monitor/logs");

    public string PidFile(string service) => Path.Combine(PidDirectory, $"{service}.pid");

    /// <summary>A process whose command line looks like `dotnet .../Monitor.&lt;Folder&gt;.dll`, as up.sh starts them.</summary>
    public Process StartFakeService(string name, string folder, bool ignoreSigterm = false)
    {
        var trap = ignoreSigterm ? "trap '' TERM; " : "";
        var dll = Path.ChangeExtension(Repository.ProjectFileOf(folder), ".dll");
        var process = Start("bash", "-c", $"{trap}exec -a 'dotnet {Root}/services/{folder}/{dll}' sleep 120");
        File.WriteAllText(PidFile(name), process.Id + "\n");
        WaitUntil(() => File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(dll), TimeSpan.FromSeconds(5));
        return process;
    }

    public Process Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        started.Add(process);
        return process;
    }

    public (int ExitCode, string Output, string Error) Run(string script, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "deploy/local", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {timeout.TotalSeconds}s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        if (!SpinWait.SpinUntil(condition, timeout))
            throw new TimeoutException($"condition not met within {timeout.TotalSeconds}s");
    }

    public void Dispose()
    {
        foreach (var process in started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        Directory.Delete(Root, recursive: true);
    }
}
