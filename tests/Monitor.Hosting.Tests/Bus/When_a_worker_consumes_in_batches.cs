using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Hosting.Tests.Metrics;
using Monitor.Testing;
using RabbitMQ.Client;

namespace Monitor.Hosting.Tests.Bus;

public sealed record QueuedItem(int Number);

/// <summary>What the consumer was given, shared with the test (MassTransit makes a consumer per batch).</summary>
public sealed class Recorder
{
    public readonly ConcurrentDictionary<int, int> Handled = new();
    public readonly ConcurrentBag<int> BatchSizes = new();
}

/// <summary>Records each batch; a negative number fails its whole batch, every time.</summary>
public sealed class QueuedItemConsumer(Recorder recorder) : IConsumer<Batch<QueuedItem>>
{
    public Task Consume(ConsumeContext<Batch<QueuedItem>> context)
    {
        if (context.Message.FirstOrDefault(m => m.Message.Number < 0) is { } bad)
            throw new ArgumentOutOfRangeException(nameof(context), $"item {bad.Message.Number} is negative");
        recorder.BatchSizes.Add(context.Message.Length);
        foreach (var item in context.Message) recorder.Handled.AddOrUpdate(item.Message.Number, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>The workers' definition, with the retry pauses cut to milliseconds so a failing batch reaches _error quickly.</summary>
public sealed class QueuedItemConsumerDefinition : BatchConsumerDefinition<QueuedItemConsumer>
{
    protected override void ConfigureRetry(IRetryConfigurator retry) => retry.Intervals(10, 10);
}

/// <summary>A worker's bus as AddMonitorBus and BatchConsumerDefinition make it, on a real broker, each test in a vhost of its own.</summary>
public sealed class When_a_worker_consumes_in_batches : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Queue = "queued-item";
    private const string HealthCheckName = "queue " + Queue;

    private readonly RabbitMqVhost _vhost = new();
    private readonly Recorder _recorder = new();
    private MetricsEndpoint _metrics = null!;
    private WebApplication _worker = null!;

    public async Task InitializeAsync()
    {
        await _vhost.InitializeAsync();
        _metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TEST_DEBUG_LOGS") == "1") builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MonitorSettings.RabbitMqVariable] = _vhost.AmqpUri.ToString() })
            .Build(), "extraction"));
        builder.Services.AddSingleton(_recorder);
        builder.Services.AddHealthChecks();
        builder.Services.AddConsumeObserver<ConsumeMetricsObserver>();
        builder.AddMonitorBus(bus => bus.AddBatchConsumer<QueuedItemConsumer, QueuedItemConsumerDefinition>());
        _worker = builder.Build();
        await _worker.StartAsync();
        Assert.True(await Until.HoldsAsync(async () => (await HealthAsync()).Status == HealthStatus.Healthy, Patience), "the consumer should start consuming");
    }

    public async Task DisposeAsync()
    {
        await _worker.StopAsync();
        await _worker.DisposeAsync();
        await _vhost.DisposeAsync();
        await _metrics.DisposeAsync();
    }

    private async Task<HealthReportEntry> HealthAsync()
    {
        var report = await _worker.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == HealthCheckName);
        return report.Entries[HealthCheckName];
    }

    private Task PublishAsync(IEnumerable<int> numbers)
    {
        var bus = _worker.Services.GetRequiredService<IBus>();
        return Task.WhenAll(numbers.Select(n => bus.Publish(new QueuedItem(n))));
    }

    private async Task<List<BasicGetResult>> TakeAsync(string queue, int expected)
    {
        var taken = new List<BasicGetResult>();
        await Until.HoldsAsync(async () =>
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = _vhost.AmqpUri }.CreateConnectionAsync();
                await using var channel = await connection.CreateChannelAsync();
                while (await channel.BasicGetAsync(queue, autoAck: true) is { } message) taken.Add(message);
            }
            // Not declared yet, or a quorum queue declared a moment ago whose process is not up yet (the broker closes the connection).
            catch (RabbitMQ.Client.Exceptions.RabbitMQClientException) { }
            return taken.Count >= expected;
        }, Patience, TimeSpan.FromMilliseconds(100));
        return taken;
    }

    private static string Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => value?.ToString() ?? "" }
            : "";

    [Fact]
    public async Task Should_hand_every_message_to_the_consumer_once_in_batches_and_count_it()
    {
        await PublishAsync(Enumerable.Range(1, 600));

        Assert.True(await Until.HoldsAsync(() => _recorder.Handled.Count == 600, Patience), $"handled {_recorder.Handled.Count} of 600");
        Assert.All(_recorder.Handled.Values, count => Assert.Equal(1, count));
        Assert.All(_recorder.BatchSizes, size => Assert.InRange(size, 1, BatchConsumerDefinition<QueuedItemConsumer>.MessageLimit));
        Assert.True(_recorder.BatchSizes.Count < 600, $"{_recorder.BatchSizes.Count} batches for 600 messages: they were not batched");
        Assert.True(await Until.HoldsAsync(async () => (await _metrics.ScrapeAsync()).Value("monitor_items_consumed_total", ("stage", "queued-item")) == 600, Patience),
            "monitor_items_consumed_total{stage=\"queued-item\"} should count every message once");
        Assert.True(await Until.HoldsAsync(async () => await _vhost.MessageCountAsync(Queue) == 0, Patience));
    }

    [Fact]
    public async Task Should_move_a_batch_that_keeps_failing_to_the_error_queue_with_MassTransit_fault_headers()
    {
        await PublishAsync([-5]);

        var error = Assert.Single(await TakeAsync(Queue + "_error", 1));
        Assert.Equal("fault", Header(error, "MT-Reason"));
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, Header(error, "MT-Fault-ExceptionType"));
        Assert.Contains("item -5 is negative", Header(error, "MT-Fault-Message"));
        Assert.Empty(_recorder.Handled);

        await PublishAsync([7]);
        Assert.True(await Until.HoldsAsync(() => _recorder.Handled.ContainsKey(7), Patience), "the endpoint should go on consuming");
    }

    [Fact]
    public async Task Should_move_an_unreadable_message_to_the_error_queue_and_go_on()
    {
        await using (var connection = await new ConnectionFactory { Uri = _vhost.AmqpUri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
            await channel.BasicPublishAsync("", Queue, mandatory: true,
                new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString() },
                "{\"message\":{\"number\":"u8.ToArray());
        await PublishAsync([1, 2]);

        var error = Assert.Single(await TakeAsync(Queue + "_error", 1));
        Assert.NotEqual("", Header(error, "MT-Fault-ExceptionType"));
        Assert.True(await Until.HoldsAsync(() => _recorder.Handled.Count == 2, Patience));
    }

    [Fact]
    public async Task Should_be_unhealthy_while_it_cannot_consume_and_consume_again_once_the_broker_lets_it()
    {
        Assert.True(await Until.HoldsAsync(async () => (await _vhost.ConnectionsAsync()).Count > 0, Patience), "the broker should list the worker's connection");
        Assert.True(await _vhost.CloseConnectionsAsync(beforeClosing: _vhost.RevokeAccessAsync) > 0, "the worker should have a connection to close");
        Assert.True(await Until.HoldsAsync(async () => (await HealthAsync()).Status == HealthStatus.Unhealthy, Patience, TimeSpan.FromMilliseconds(5)),
            "/health/ready should report the endpoint while it does not consume");
        Assert.Contains($"not consuming {Queue}", (await HealthAsync()).Description);

        await _vhost.GrantAccessAsync();
        Assert.True(await Until.HoldsAsync(async () => (await HealthAsync()).Status == HealthStatus.Healthy, Patience),
            "the endpoint should consume again once the broker accepts its connection");
        await PublishAsync(Enumerable.Range(1, 50));
        Assert.True(await Until.HoldsAsync(() => _recorder.Handled.Count == 50, Patience), $"handled {_recorder.Handled.Count} of 50 after reconnecting");
    }
}
