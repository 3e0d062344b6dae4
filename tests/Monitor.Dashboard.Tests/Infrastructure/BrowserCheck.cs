using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Testing;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>
/// Runs Browser/dashboard-check.mjs (Playwright driving Debian's chromium) and speaks its line protocol:
/// when it prints "waiting-for-alert", <see cref="StartAsync"/>'s callback raises an alert and its id is
/// written back on the script's standard input.
/// </summary>
public sealed class BrowserCheck
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly ConcurrentQueue<string> _output = new();

    public static string ScriptPath => Path.Combine(RepositoryRoot.Path, "tests", "Monitor.Dashboard.Tests", "Browser", "dashboard-check.mjs");

    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot.Path, ".monitor", "screenshots", "dashboard");

    public int ExitCode { get; private set; } = -1;

    public IReadOnlyList<string> Output => _output.ToArray();

    public IEnumerable<string> Screenshots => Output.Where(l => l.StartsWith("screenshot ")).Select(l => l["screenshot ".Length..]);

    public string? Acknowledged => Output.LastOrDefault(l => l.StartsWith("acknowledged "))?["acknowledged ".Length..];

    /// <summary>The mention the browser corrected and the label it gave, from its "corrected &lt;id&gt; &lt;label&gt;" line.</summary>
    public (Guid Id, string Label)? Corrected => Output.LastOrDefault(l => l.StartsWith("corrected ")) is { } line && line.Split(' ') is [_, var id, var label]
        ? (Guid.Parse(id), label)
        : null;

    /// <summary>Fails with what to install when node, the npm packages, the built assets or chromium are missing.</summary>
    public static void RequirePrerequisites()
    {
        var dashboard = Path.Combine(RepositoryRoot.Path, "web", "dashboard");
        var missing = new List<string>();
        if (!OnPath("node")) missing.Add("node is not on PATH (install Node.js 20 or newer: apt-get install nodejs npm)");
        if (!Directory.Exists(Path.Combine(dashboard, "node_modules", "playwright-core")))
            missing.Add($"playwright-core is not installed in {dashboard} (run ./monitor test, or npm ci there)");
        if (!File.Exists(Path.Combine(RepositoryRoot.Path, "services", "Api", "wwwroot", "lib", "echarts.min.js")))
            missing.Add("services/Api/wwwroot/lib/echarts.min.js is missing (the dashboard's build step: npm run build in web/dashboard)");
        if (!File.Exists(Chromium)) missing.Add($"{Chromium} is missing (deploy/local/provision.sh installs Debian's chromium)");
        if (missing.Count > 0) Assert.Fail("The dashboard test cannot run:\n  " + string.Join("\n  ", missing));
    }

    public async Task RunAsync(IReadOnlyDictionary<string, string> environment, Func<Task<Guid>> raiseAlert, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node", $"\"{ScriptPath}\"")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["SCREENSHOT_DIR"] = ScreenshotDirectory;
        start.Environment["CHROMIUM"] = Chromium;

        using var process = new Process { StartInfo = start };
        var alertRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            if (e.Data == "waiting-for-alert") alertRequested.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var exited = process.WaitForExitAsync(deadline.Token);
            if (await Task.WhenAny(alertRequested.Task, exited) == alertRequested.Task)
            {
                var alertId = await raiseAlert();
                await process.StandardInput.WriteLineAsync(alertId.ToString());
                await process.StandardInput.FlushAsync(deadline.Token);
            }
            await exited;
            process.WaitForExit(); // drains the redirected output
            ExitCode = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            _output.Enqueue($"the browser check did not finish within {timeout.TotalSeconds:0} s and was stopped");
        }
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(dir => File.Exists(Path.Combine(dir, command)));
}
