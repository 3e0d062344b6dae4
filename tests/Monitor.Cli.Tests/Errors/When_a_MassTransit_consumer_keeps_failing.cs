using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Errors;

public sealed record Parcel(int Number);

/// <summary>Fails every batch until the test says the cause is fixed; then records what it was given.</summary>
public sealed class ParcelConsumer(ParcelConsumer.Outage outage) : IConsumer<Batch<Parcel>>
{
    public sealed class Outage
    {
        public volatile bool Fixed;
        public readonly TaskCompletionSource<int> Handled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Consume(ConsumeContext<Batch<Parcel>> context)
    {
        if (!outage.Fixed) throw new TimeoutException($"parcel {context.Message[0].Message.Number}: the store did not answer");
        outage.Handled.TrySetResult(context.Message[0].Message.Number);
        return Task.CompletedTask;
    }
}

/// <summary>The workers' definition with the retry pauses cut to milliseconds.</summary>
public sealed class ParcelConsumerDefinition : BatchConsumerDefinition<ParcelConsumer>
{
    protected override void ConfigureRetry(IRetryConfigurator retry) => retry.Intervals(10, 10);
}

/// <summary>
/// `errors list|show|replay` on an error queue MassTransit itself made: a worker's bus (AddMonitorBus, a batch
/// consumer with the workers' definition) moves a message that keeps failing to parcel_error with its fault
/// headers; once the cause is fixed, the replay puts it back and the consumer takes it.
/// </summary>
public sealed class When_a_MassTransit_consumer_keeps_failing(RabbitMqVhost vhost) : IClassFixture<RabbitMqVhost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_list_show_and_replay_its_error_queue_once_the_cause_is_fixed()
    {
        var outage = new ParcelConsumer.Outage();
        await using var worker = await StartWorkerAsync(outage);
        var environment = new Broker(vhost).Environment;

        await worker.Services.GetRequiredService<IBus>().Publish(new Parcel(42));

        CliResult listed = null!;
        var failed = await Until.HoldsAsync(async () =>
        {
            listed = await CliRun.RunAsync(environment, "errors", "list");
            return System.Text.RegularExpressions.Regex.IsMatch(listed.Output, @"parcel_error\s*\S\s*1\s*\S\s*parcel\s");
        }, Patience, TimeSpan.FromSeconds(1));
        Assert.True(failed, listed.ToString());

        var shown = await CliRun.RunAsync(environment, "errors", "show", "parcel_error");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("System.TimeoutException", shown.Output);
        Assert.Contains("parcel 42: the store did not answer", shown.Output);

        outage.Fixed = true;
        var replayed = await CliRun.RunAsync(environment, "errors", "replay", "parcel_error", "--all");
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains("errors replay: queue=parcel_error moved=1 remaining=0", replayed.Output);
        Assert.Equal(42, await outage.Handled.Task.WaitAsync(Patience));
    }

    private async Task<WebApplication> StartWorkerAsync(ParcelConsumer.Outage outage)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MonitorSettings.RabbitMqVariable] = vhost.AmqpUri.ToString() })
            .Build(), "parcels"));
        builder.Services.AddSingleton(outage);
        builder.Services.AddHealthChecks();
        builder.AddMonitorBus(bus => bus.AddBatchConsumer<ParcelConsumer, ParcelConsumerDefinition>());
        var app = builder.Build();
        await app.StartAsync();
        var health = app.Services.GetRequiredService<HealthCheckService>();
        Assert.True(await Until.HoldsAsync(async () => (await health.CheckHealthAsync()).Status == HealthStatus.Healthy, Patience),
            "the worker should consume before anything is published");
        return app;
    }
}
