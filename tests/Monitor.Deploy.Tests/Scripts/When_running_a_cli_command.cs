using System.Diagnostics;
using Xunit;

namespace Monitor.Deploy.Tests.Scripts;

/// <summary>
/// ./monitor &lt;cli command&gt; in a scratch copy of the repository, with a fake <c>dotnet</c> first on PATH that
/// records what it was asked to do: the CLI is built only when a file it is built from changed, quietly.
/// </summary>
public sealed class When_running_a_cli_command : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"monitor-cli-{Guid.NewGuid():N}");

    public When_running_a_cli_command()
    {
        Directory.CreateDirectory(Path.Combine(_root, "tools/Monitor.Cli"));
        Directory.CreateDirectory(Path.Combine(_root, "shared/Monitor.Contracts"));
        Directory.CreateDirectory(Path.Combine(_root, "fake-bin"));
        File.Copy(Repository.PathOf("monitor"), Path.Combine(_root, "monitor"));
        File.SetUnixFileMode(Path.Combine(_root, "monitor"), File.GetUnixFileMode(Repository.PathOf("monitor")));
        File.WriteAllText(Path.Combine(_root, "tools/Monitor.Cli/Program.cs"), "// the CLI");
        File.WriteAllText(Path.Combine(_root, "shared/Monitor.Contracts/Contract.cs"), "// a contract");
        var dotnet = Path.Combine(_root, "fake-bin/dotnet");
        File.WriteAllText(dotnet, """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_DOTNET_CALLS"
            if [ "$1" = build ]; then
              if [ -n "${FAKE_BUILD_FAILS:-}" ]; then echo "Program.cs(1,1): error CS1002: ; expected"; exit 1; fi
              mkdir -p "$2/bin/Release/net10.0" && touch "$2/bin/Release/net10.0/monitor.dll"
              echo "Build succeeded."
              exit 0
            fi
            echo "ran $*"
            """);
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Calls => Path.Combine(_root, "dotnet-calls.txt");

    private int Builds => File.Exists(Calls) ? File.ReadAllLines(Calls).Count(l => l.StartsWith("build ")) : 0;

    [Fact]
    public void Should_build_once_and_then_run_the_built_cli_until_a_source_changes()
    {
        var first = Run("stats");
        var second = Run("stats", "--json");
        // Saved just after the build started (the stamp's time), without waiting for the clock to move on.
        var built = File.GetLastWriteTimeUtc(Path.Combine(_root, ".monitor/cli.stamp"));
        File.SetLastWriteTimeUtc(Path.Combine(_root, "shared/Monitor.Contracts/Contract.cs"), built.AddMilliseconds(1));
        var afterEdit = Run("stats");
        var builds = Builds;
        var fourth = Run("stats");

        Assert.All(new[] { first, second, afterEdit, fourth }, run => Assert.Equal(0, run.ExitCode));
        Assert.Equal($"ran {_root}/tools/Monitor.Cli/bin/Release/net10.0/monitor.dll stats --json", second.Output.Trim());
        Assert.Equal(2, builds);
        Assert.Equal(2, Builds);
        Assert.All(new[] { first, afterEdit }, run => Assert.DoesNotContain("Build succeeded", run.Output + run.Error));
    }

    [Fact]
    public void Should_show_a_failed_build_and_not_run_the_cli()
    {
        var (exitCode, output, error) = Run("stats", ("FAKE_BUILD_FAILS", "1"));

        Assert.Equal(1, exitCode);
        Assert.Contains("error CS1002", error);
        Assert.Contains("building the CLI (tools/Monitor.Cli) failed", error);
        Assert.DoesNotContain("ran ", output);
        // Nothing was stamped as built: the next command tries again.
        Run("stats");
        Assert.Equal(2, Builds);
    }

    private (int ExitCode, string Output, string Error) Run(string command, params string[] more) => Run([command, .. more], []);

    private (int ExitCode, string Output, string Error) Run(string command, (string Name, string Value) variable) => Run([command], [variable]);

    private (int ExitCode, string Output, string Error) Run(string[] arguments, (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(Path.Combine(_root, "monitor")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["PATH"] = Path.Combine(_root, "fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["FAKE_DOTNET_CALLS"] = Calls;
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./monitor {string.Join(' ', arguments)} did not finish within {Bound.TotalSeconds}s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
