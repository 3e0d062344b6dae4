using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Errors;

public sealed class When_the_broker_cannot_be_reached
{
    // Port 9 (discard) is closed on loopback: connections are refused at once.
    private static readonly Dictionary<string, string> Nowhere = new()
    {
        ["MONITOR_RABBITMQ"] = "amqp://monitor:monitor@127.0.0.1:9/",
        ["MONITOR_RABBITMQ_MANAGEMENT"] = "http://monitor:monitor@127.0.0.1:9/",
    };

    [Fact]
    public async Task Should_exit_with_3_naming_the_management_api()
    {
        var result = await CliRun.RunAsync(Nowhere, "errors", "list");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach the RabbitMQ management API at http://127.0.0.1:9/", result.Error);
        Assert.DoesNotContain("monitor:monitor", result.Error);
    }

    [Fact]
    public async Task Should_exit_with_3_naming_the_broker_when_replaying()
    {
        var result = await CliRun.RunAsync(Nowhere, "errors", "replay", "coverage-received_error", "--all");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach RabbitMQ at amqp://monitor@127.0.0.1:9/", result.Error);
    }
}
