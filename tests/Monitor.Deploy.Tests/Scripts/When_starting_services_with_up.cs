using Xunit;

namespace Monitor.Deploy.Tests.Scripts;

public sealed class When_starting_services_with_up : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly ScriptSandbox sandbox = new();

    public When_starting_services_with_up()
    {
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "samples/su7"));
        WriteFile("tools/Monitor.Cli/bin/Release/net10.0/monitor.dll", "not used: up stops before the sample load");
    }

    private void WriteFile(string relative, string text)
    {
        var path = Path.Combine(sandbox.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void BuildFakeServices()
    {
        // Not assemblies: `dotnet` refuses them and exits at once, like a service that crashes on start.
        foreach (var folder in Repository.ServiceProjects())
            WriteFile($"services/{folder}/bin/Release/net10.0/{Path.ChangeExtension(Repository.ProjectFileOf(folder), ".dll")}", "not an assembly");
    }

    [Fact]
    public void Should_name_a_service_that_is_not_built_and_fail()
    {
        var (exitCode, _, error) = sandbox.Run("up.sh", Bound);

        Assert.Equal(1, exitCode);
        Assert.Contains("up: relay is not built", error);
    }

    [Fact]
    public void Should_name_the_service_that_died_show_its_log_and_fail()
    {
        BuildFakeServices();

        var (exitCode, output, error) = sandbox.Run("up.sh", Bound, ("MONITOR_READY_TIMEOUT", "20"));

        Assert.Equal(1, exitCode);
        Assert.Contains("relay started (pid", output);
        Assert.Contains("up: relay exited before it was ready", error);
        Assert.Contains("---- last 40 lines of .monitor/logs/relay.log ----", error);
        Assert.Contains("starting relay on http://127.0.0.1:5104", error); // the log's own header, shown in the tail
        Assert.True(File.Exists(sandbox.PidFile("relay")));
    }

    [Fact]
    public void Should_leave_a_running_service_alone()
    {
        BuildFakeServices();
        var relay = sandbox.StartFakeService("relay", "Relay");

        var (exitCode, output, _) = sandbox.Run("up.sh", Bound, ("MONITOR_READY_TIMEOUT", "3"));

        Assert.Equal(1, exitCode); // the fake relay never answers /health/ready, and ingestion dies
        Assert.Contains($"relay already running (pid {relay.Id})", output);
        Assert.False(relay.HasExited);
        Assert.Equal(relay.Id.ToString(), File.ReadAllText(sandbox.PidFile("relay")).Trim());
    }

    public void Dispose() => sandbox.Dispose();
}
