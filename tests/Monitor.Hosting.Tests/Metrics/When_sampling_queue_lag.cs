using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Testing;
using RabbitMQ.Client;

namespace Monitor.Hosting.Tests.Metrics;

/// <summary>monitor_queue_lag from passive declares against a real broker, in a vhost of its own.</summary>
public sealed class When_sampling_queue_lag(RabbitMqVhost vhost) : IClassFixture<RabbitMqVhost>
{
    private QueueLagSampler Sampler(ServiceQueues queues)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MonitorSettings.RabbitMqVariable] = vhost.AmqpUri.ToString() })
            .Build();
        return new QueueLagSampler(queues, MonitorSettings.From(configuration, "extraction"), NullLogger<QueueLagSampler>.Instance);
    }

    [Fact]
    public async Task Should_report_the_messages_ready_in_each_queue_and_its_error_queue()
    {
        var queue = "lag-" + Guid.NewGuid().ToString("N")[..8];
        var queues = new ServiceQueues();
        queues.Add(queue);
        await using var metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        var sampler = Sampler(queues);
        await using var connection = await sampler.ConnectAsync(CancellationToken.None);
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            for (var i = 0; i < 3; i++)
                await channel.BasicPublishAsync("", queue, new byte[] { 1 });
            await channel.QueueDeclareAsync(queue + "_error", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", queue + "_error", new byte[] { 2 });
        }

        var seen = await Until.HoldsAsync(async () =>
        {
            await sampler.SampleAsync(connection, CancellationToken.None);
            return (await metrics.ScrapeAsync()).Value("monitor_queue_lag", ("queue", queue)) == 3;
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        var scraped = await metrics.ScrapeAsync();

        Assert.True(seen, scraped.Text);
        Assert.Equal(1, scraped.Value("monitor_queue_lag", ("queue", queue + "_error")));
    }

    [Fact]
    public async Task Should_read_a_queue_that_does_not_exist_as_empty_and_go_on()
    {
        var missing = "missing-" + Guid.NewGuid().ToString("N")[..8];
        var queues = new ServiceQueues();
        queues.Add(missing);
        await using var metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        var sampler = Sampler(queues);
        await using var connection = await sampler.ConnectAsync(CancellationToken.None);

        await sampler.SampleAsync(connection, CancellationToken.None);
        var scraped = await metrics.ScrapeAsync();

        Assert.Equal(0, scraped.Value("monitor_queue_lag", ("queue", missing)));
        Assert.Equal(0, scraped.Value("monitor_queue_lag", ("queue", missing + "_error")));
        Assert.True(connection.IsOpen);
    }

    [Theory]
    [InlineData("rabbitmq://rabbitmq:5672/monitor/coverage-ingested", "coverage-ingested")]
    [InlineData("rabbitmq://localhost/sentiment-scored", "sentiment-scored")]
    [InlineData("rabbitmq://localhost/monitor/host_Monitor_bus_abc?temporary=true", null)]
    [InlineData("rabbitmq://localhost/host_bus_abc?durable=false&autodelete=true", null)]
    public void Should_name_the_queue_of_a_receive_endpoint_and_skip_temporary_ones(string address, string? queue)
    {
        Assert.Equal(queue, ServiceQueues.QueueOf(new Uri(address)));
    }
}
