using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.BadInput;

/// <summary>A CoverageReceived on the bus whose text holds a NUL, published between five valid ones.</summary>
public class When_a_coverage_message_holds_a_control_character(IngestionProcessFixture fixture, ITestOutputHelper output)
    : IClassFixture<IngestionProcessFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_send_only_a_message_with_a_nul_to_the_error_queue_and_store_its_batch_mates()
    {
        var before = await fixture.Events.CountAsync(MonitorEventTypes.CoverageIngested);
        var bus = await TestBus.StartAsync(fixture.Vhost);
        try
        {
            var items = SampleCoverage.Items("nul-mate-", 5);
            await bus.Publish(items[0]);
            await bus.Publish(items[1]);
            await bus.Publish(SampleCoverage.Item("nul-0001") with { Text = "小米\0SU7" });
            foreach (var item in items.Skip(2)) await bus.Publish(item);
        }
        finally { await bus.StopAsync(); }

        using var queues = new RabbitMqQueues(fixture.Vhost);
        var stored = await Until.HoldsAsync(
            async () => await fixture.Events.CountAsync(MonitorEventTypes.CoverageIngested) - before == 5, Patience, TimeSpan.FromMilliseconds(250));
        var errored = await Until.HoldsAsync(
            async () => await fixture.Vhost.MessageCountAsync("coverage-received_error") >= 1, Patience, TimeSpan.FromSeconds(1));

        if (!stored || !errored) output.WriteLine(fixture.Processes.Output());
        Assert.True(stored, $"expected the 5 valid items stored, found {await fixture.Events.CountAsync(MonitorEventTypes.CoverageIngested) - before}");
        var poison = (await queues.PeekAsync("coverage-received_error")).Where(m => m.Body.Contains("nul-0001")).ToArray();
        var message = Assert.Single(poison);
        Assert.Contains("InvalidCoverageException", message.Headers["MT-Fault-ExceptionType"]);
        Assert.Contains("text", message.Headers["MT-Fault-Message"]);
        Assert.Contains("U+0000", message.Headers["MT-Fault-Message"]);
        Assert.DoesNotContain(await queues.PeekAsync("coverage-received_error"), m => m.Body.Contains("nul-mate-"));
    }
}
