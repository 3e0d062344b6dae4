using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Hosting.Bus.Queues;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Metrics;
using Monitor.Hosting.Tests.Metrics;
using Monitor.Testing;
using RabbitMQ.Client;

namespace Monitor.Hosting.Tests.Queues;

public sealed record QueuedItem(int Number);

/// <summary>
/// Counts what it is given; throws while <see cref="FailuresLeft"/> is above zero, or always when
/// <see cref="AlwaysFail"/>; holds each batch until <see cref="Gate"/> opens, when there is one.
/// </summary>
public sealed class RecordingHandler : IBatchHandler<QueuedItem>
{
    public const int HugeReason = -7;

    public readonly ConcurrentDictionary<int, int> Handled = new();
    public int FailuresLeft;
    public bool AlwaysFail;
    public int Attempts;
    public TaskCompletionSource? Gate;
    public IReadOnlyList<int> FirstBatch = [];

    public Exception? Reject(QueuedItem message) => message.Number switch
    {
        HugeReason => new ArgumentException($"platform '{new string('x', 200_000)}' is not known"),
        < 0 => new ArgumentOutOfRangeException(nameof(message), $"item {message.Number} is negative"),
        _ => null,
    };

    public async Task HandleAsync(IReadOnlyList<QueuedItem> batch, CancellationToken ct)
    {
        if (Interlocked.Increment(ref Attempts) == 1) FirstBatch = batch.Select(i => i.Number).ToList();
        if (Gate is { } gate) await gate.Task.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        if (AlwaysFail || Interlocked.Decrement(ref FailuresLeft) >= 0) throw new TimeoutException("the store did not answer");
        foreach (var item in batch) Handled.AddOrUpdate(item.Number, 1, (_, n) => n + 1);
    }
}

/// <summary>The workers' queue consumer against a real broker, each test in a vhost of its own.</summary>
public sealed class When_consuming_a_queue_in_batches : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Queue = "queued-item";
    private const string Exchange = "Monitor.Hosting.Tests.Queues:QueuedItem";

    private readonly RabbitMqVhost _vhost = new();
    private MetricsEndpoint _metrics = null!;
    private readonly RecordingHandler _handler = new();
    private BatchQueueConsumer<QueuedItem> _consumer = null!;
    private IConnection _publisher = null!;

    public async Task InitializeAsync()
    {
        await _vhost.InitializeAsync();
        _metrics = await MetricsEndpoint.StartAsync([MonitorMetrics.MeterName]);
        var settings = MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MonitorSettings.RabbitMqVariable] = _vhost.AmqpUri.ToString() })
            .Build(), "extraction");
        var options = new QueueConsumerOptions
        {
            Queue = Queue,
            MessageExchange = Exchange,
            BatchSize = 50,
            Prefetch = 100,
            RetryIntervals = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)],
            ReconnectDelays = [TimeSpan.FromMilliseconds(200)],
        };
        _consumer = new BatchQueueConsumer<QueuedItem>(_handler, options, settings, NullLogger<BatchQueueConsumer<QueuedItem>>.Instance);
        await _consumer.StartAsync(CancellationToken.None);
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_consumer.IsConsuming), Patience), "the consumer should connect");
        _publisher = await BrokerConnections.ConnectAsync(RabbitMqAddress.Parse(_vhost.AmqpUri.ToString(), "test"), "test publisher", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _consumer.StopAsync(CancellationToken.None);
        _consumer.Dispose();
        await _publisher.DisposeAsync();
        await _vhost.DisposeAsync();
        await _metrics.DisposeAsync();
    }

    private async Task<double> Sample(string name, params (string, string)[] labels) => (await _metrics.ScrapeAsync()).Value(name, labels) ?? 0;

    private async Task PublishAsync(IEnumerable<int> numbers)
    {
        await using var channel = await _publisher.CreateChannelAsync(new CreateChannelOptions(true, true));
        foreach (var number in numbers)
            await PublishAsync(channel, Envelope(number), EnvelopeReader.EnvelopeContentType);
    }

    private static async Task PublishAsync(IChannel channel, byte[] body, string contentType) =>
        await channel.BasicPublishAsync(Exchange, "", mandatory: false, new BasicProperties { ContentType = contentType, Persistent = true }, body);

    private static byte[] Envelope(int number) =>
        JsonSerializer.SerializeToUtf8Bytes(new { messageId = Guid.NewGuid(), message = new { number } });

    private async Task<uint> ReadyAsync(string queue)
    {
        await using var channel = await _publisher.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private async Task<List<BasicGetResult>> TakeErrorsAsync(int expected)
    {
        var taken = new List<BasicGetResult>();
        await Until.HoldsAsync(async () =>
        {
            await using var channel = await _publisher.CreateChannelAsync();
            try
            {
                while (await channel.BasicGetAsync(QueueTopology.ErrorQueueOf(Queue), autoAck: true) is { } message) taken.Add(message);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { } // the _error queue is not there (yet)
            return taken.Count >= expected;
        }, Patience, TimeSpan.FromMilliseconds(100));
        return taken;
    }

    private static string Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?[name] switch { byte[] bytes => Encoding.UTF8.GetString(bytes), var other => other?.ToString() ?? "" };

    [Fact]
    public async Task Should_hand_every_message_to_the_handler_once_and_acknowledge_it()
    {
        await PublishAsync(Enumerable.Range(1, 230));

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 230), Patience), $"handled {_handler.Handled.Count} of 230");
        await _consumer.StopAsync(CancellationToken.None); // whatever was not acknowledged is ready again now

        Assert.All(_handler.Handled.Values, count => Assert.Equal(1, count));
        Assert.Equal(230, await Sample("monitor_items_consumed_total", ("stage", Queue)));
        Assert.Equal(0u, await ReadyAsync(Queue));
        Assert.Equal(0u, await ReadyAsync(QueueTopology.ErrorQueueOf(Queue)));
    }

    [Fact]
    public async Task Should_move_unreadable_and_rejected_messages_to_the_error_queue_with_the_reason_and_handle_the_rest()
    {
        await using (var channel = await _publisher.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await PublishAsync(channel, Envelope(1), EnvelopeReader.EnvelopeContentType);
            await PublishAsync(channel, "{\"message\":{\"number\":"u8.ToArray(), EnvelopeReader.EnvelopeContentType);
            await PublishAsync(channel, Envelope(-5), EnvelopeReader.EnvelopeContentType);
            await PublishAsync(channel, "<script>alert(1)</script>"u8.ToArray(), "text/html");
            await PublishAsync(channel, Envelope(2), EnvelopeReader.EnvelopeContentType);
        }

        var errors = await TakeErrorsAsync(3);

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 2), Patience));
        Assert.Equal([1, 2], _handler.Handled.Keys.Order());
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal("fault", Header(e, "MT-Reason")));
        Assert.Contains(errors, e => Header(e, "MT-Fault-ExceptionType").EndsWith("UnreadableMessageException") && Header(e, "MT-Fault-Message").Contains("not a readable QueuedItem"));
        Assert.Contains(errors, e => Header(e, "MT-Fault-ExceptionType") == typeof(ArgumentOutOfRangeException).FullName && Header(e, "MT-Fault-Message").Contains("item -5 is negative"));
        Assert.Contains(errors, e => Header(e, "MT-Fault-Message").Contains("content type 'text/html'") && e.Body.ToArray().SequenceEqual("<script>alert(1)</script>"u8.ToArray()));
        await _consumer.StopAsync(CancellationToken.None);
        Assert.Equal(0u, await ReadyAsync(Queue));
    }

    [Fact]
    public async Task Should_move_a_message_refused_with_a_huge_reason_with_the_reason_cut_short()
    {
        await using (var channel = await _publisher.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await PublishAsync(channel, Envelope(RecordingHandler.HugeReason), EnvelopeReader.EnvelopeContentType);
            await PublishAsync(channel, Envelope(1), EnvelopeReader.EnvelopeContentType);
        }

        var errors = await TakeErrorsAsync(1);

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.ContainsKey(1)), Patience));
        var error = Assert.Single(errors);
        Assert.StartsWith("platform 'xxx", Header(error, "MT-Fault-Message"));
        Assert.True(Header(error, "MT-Fault-Message").Length < 10_000);
    }

    [Fact]
    public async Task Should_declare_its_error_queue_again_when_it_was_deleted()
    {
        await using (var channel = await _publisher.CreateChannelAsync())
            await channel.QueueDeleteAsync(QueueTopology.ErrorQueueOf(Queue));

        await PublishAsync([-5, 1]);
        var errors = await TakeErrorsAsync(1);

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.ContainsKey(1)), Patience));
        Assert.Contains("item -5 is negative", Header(Assert.Single(errors), "MT-Fault-Message"));
    }

    [Fact]
    public async Task Should_consume_again_when_its_queue_was_deleted_under_it()
    {
        await using (var channel = await _publisher.CreateChannelAsync())
            await channel.QueueDeleteAsync(Queue);

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(!_consumer.IsConsuming), Patience), "the consumer should notice it was cancelled");
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_consumer.IsConsuming), Patience), "the consumer should declare its queue and consume again");
        await PublishAsync(Enumerable.Range(1, 3));

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 3), Patience), $"handled {_handler.Handled.Count} of 3");
    }

    [Fact]
    public async Task Should_deliver_a_batch_again_when_its_connection_is_lost_before_it_is_acknowledged()
    {
        _handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await PublishAsync(Enumerable.Range(1, 10));
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Attempts > 0), Patience), "the batch should reach the handler");

        await _publisher.CloseAsync();
        Assert.True(await Until.HoldsAsync(async () => await _vhost.CloseConnectionsAsync() >= 1, Patience, TimeSpan.FromMilliseconds(500)));
        _publisher = await BrokerConnections.ConnectAsync(RabbitMqAddress.Parse(_vhost.AmqpUri.ToString(), "test"), "test publisher", CancellationToken.None);
        // Held by the handler and never acknowledged, so back on the queue.
        Assert.True(await Until.HoldsAsync(async () => await ReadyAsync(Queue) == 10, Patience), "the unacknowledged batch should be ready again");
        _handler.Gate.SetResult();

        // The held batch may be the first few of the ten (its window closed before the rest arrived): those
        // were stored before the loss and are handled again after it; every item is handled.
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 10 && _handler.FirstBatch.All(n => _handler.Handled[n] == 2)), Patience),
            $"the batch stored before the loss ({string.Join(",", _handler.FirstBatch)}) should be handled again after it: " + string.Join(",", _handler.Handled.Values));
        await _consumer.StopAsync(CancellationToken.None);
        Assert.Equal(0u, await ReadyAsync(Queue));
    }

    [Fact]
    public async Task Should_finish_and_acknowledge_the_batch_in_hand_when_stopped()
    {
        _handler.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await PublishAsync(Enumerable.Range(1, 5));
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Attempts > 0), Patience), "the batch should reach the handler");

        var stopping = _consumer.StopAsync(CancellationToken.None);
        await Task.Delay(200);
        _handler.Gate.SetResult();
        await stopping.WaitAsync(Patience);

        // The batch in hand is stored and acknowledged; anything after it (its window may have closed
        // before all five arrived) stays on the queue for the next start.
        Assert.Equal(_handler.FirstBatch.Order(), _handler.Handled.Keys.Order());
        Assert.All(_handler.Handled.Values, n => Assert.Equal(1, n));
        Assert.Equal((uint)(5 - _handler.FirstBatch.Count), await ReadyAsync(Queue));
    }

    [Fact]
    public async Task Should_retry_a_failing_batch_until_it_succeeds()
    {
        _handler.FailuresLeft = 2;

        await PublishAsync(Enumerable.Range(1, 10));

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 10), Patience));
        Assert.True(_handler.Attempts >= 3);
        Assert.Equal(0u, await ReadyAsync(QueueTopology.ErrorQueueOf(Queue)));
    }

    [Fact]
    public async Task Should_move_a_batch_that_keeps_failing_to_the_error_queue_after_its_retries()
    {
        _handler.AlwaysFail = true;

        await PublishAsync(Enumerable.Range(1, 5));
        var errors = await TakeErrorsAsync(5);

        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.Equal(typeof(TimeoutException).FullName, Header(e, "MT-Fault-ExceptionType")));
        Assert.All(errors, e => Assert.Equal("2", Header(e, "MT-Fault-RetryCount")));
        Assert.Equal(5, await Sample("monitor_failures_total", ("kind", "consume"), ("stage", Queue)));
        Assert.Equal(0, await Sample("monitor_items_consumed_total", ("stage", Queue)));
        Assert.Equal([1, 2, 3, 4, 5], errors.Select(e => JsonDocument.Parse(e.Body).RootElement.GetProperty("message").GetProperty("number").GetInt32()).Order());
    }

    [Fact]
    public async Task Should_take_up_its_queue_again_after_the_broker_drops_its_connection()
    {
        await PublishAsync(Enumerable.Range(1, 20));
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 20), Patience));

        await _publisher.CloseAsync();
        // The management API lists a connection a few seconds after it opened.
        Assert.True(await Until.HoldsAsync(async () => await _vhost.CloseConnectionsAsync() >= 1, Patience, TimeSpan.FromMilliseconds(500)));
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(!_consumer.IsConsuming), Patience), "the consumer should notice the lost connection");
        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_consumer.IsConsuming), Patience), "the consumer should connect again");
        _publisher = await BrokerConnections.ConnectAsync(RabbitMqAddress.Parse(_vhost.AmqpUri.ToString(), "test"), "test publisher", CancellationToken.None);
        await PublishAsync(Enumerable.Range(21, 20));

        Assert.True(await Until.HoldsAsync(() => Task.FromResult(_handler.Handled.Count == 40), Patience), $"handled {_handler.Handled.Count} of 40");
    }
}
