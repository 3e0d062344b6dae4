using Xunit;

namespace Monitor.Deploy.Tests.Scripts;

public sealed class When_stopping_services_with_down : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly ScriptSandbox sandbox = new();

    [Fact]
    public void Should_say_nothing_was_running_and_succeed()
    {
        var (exitCode, output, _) = sandbox.Run("down.sh", Bound);

        Assert.Equal(0, exitCode);
        Assert.Contains("down: nothing was running", output);
    }

    [Fact]
    public void Should_stop_running_services_and_remove_their_pid_files()
    {
        var ingestion = sandbox.StartFakeService("ingestion", "Ingestion");
        var relay = sandbox.StartFakeService("relay", "Relay");

        var (exitCode, output, _) = sandbox.Run("down.sh", Bound);

        Assert.Equal(0, exitCode);
        Assert.True(ingestion.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.True(relay.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.Contains($"ingestion stopped (pid {ingestion.Id})", output);
        Assert.Contains($"relay stopped (pid {relay.Id})", output);
        Assert.False(File.Exists(sandbox.PidFile("ingestion")));
        Assert.False(File.Exists(sandbox.PidFile("relay")));
    }

    [Fact]
    public void Should_kill_a_service_that_ignores_sigterm_after_the_stop_timeout()
    {
        var stubborn = sandbox.StartFakeService("sentiment", "Sentiment", ignoreSigterm: true);

        var (exitCode, output, _) = sandbox.Run("down.sh", Bound, ("MONITOR_STOP_TIMEOUT", "1"));

        Assert.Equal(0, exitCode);
        Assert.True(stubborn.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.Contains($"sentiment (pid {stubborn.Id}) did not stop within 1s: killed", output);
    }

    [Fact]
    public void Should_leave_alone_a_process_that_merely_reuses_a_recorded_pid()
    {
        // A pid file outliving its service may name a pid the system gave to another program.
        var unrelated = sandbox.Start("sleep", "120");
        File.WriteAllText(sandbox.PidFile("extraction"), unrelated.Id.ToString());

        var (exitCode, output, _) = sandbox.Run("down.sh", Bound);

        Assert.Equal(0, exitCode);
        Assert.False(unrelated.HasExited);
        Assert.Contains("extraction was not running (removed a stale pid file)", output);
        Assert.False(File.Exists(sandbox.PidFile("extraction")));
    }

    public void Dispose() => sandbox.Dispose();
}
