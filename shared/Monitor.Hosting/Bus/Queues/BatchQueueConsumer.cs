using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Observability.Tracing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>
/// A worker's hot path on RabbitMQ.Client: consumes its queue in batches (up to
/// <see cref="QueueConsumerOptions.BatchSize"/> messages or <see cref="QueueConsumerOptions.BatchWindow"/>),
/// hands each batch to its <see cref="IBatchHandler{TMessage}"/>, and acknowledges the batch with one
/// ack once the handler's work is stored. A message it cannot read or the handler rejects goes to the
/// _error queue at once; a batch that keeps failing goes there after <see cref="RetryPolicies.Intervals"/>.
/// When the connection is lost, or the broker cancels the consumer (its queue deleted), it connects again
/// (<see cref="QueueConsumerOptions.ReconnectDelays"/>) and the broker delivers again whatever was not
/// acknowledged, which the idempotent handlers absorb. On shutdown the batch in hand is finished and
/// acknowledged; the wait for the next one is not.
/// </summary>
public sealed class BatchQueueConsumer<TMessage>(
    IBatchHandler<TMessage> handler, QueueConsumerOptions options, MonitorSettings settings, ILogger<BatchQueueConsumer<TMessage>> logger)
    : BackgroundService, IQueueConsumer
{
    private readonly KeyValuePair<string, object?> _stage = new("stage", options.Queue);
    private readonly string _expectedType = $"urn:message:{MessageNames.ExchangeOf(typeof(TMessage))}";
    private volatile bool _consuming;
    private int _failedConnections;

    public string Queue => options.Queue;

    public bool IsConsuming => _consuming;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = options.ReconnectDelays[Math.Min(_failedConnections, options.ReconnectDelays.Count - 1)];
            try
            {
                await ConsumeUntilDisconnectedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Consumer of {Queue} stopped consuming; connecting again in {Delay} (unacknowledged messages will be delivered again)", Queue, delay);
            }
            finally
            {
                _consuming = false;
            }
            // Reset only by a batch acknowledged: a failure that repeats right after connecting backs off too.
            _failedConnections++;
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task ConsumeUntilDisconnectedAsync(CancellationToken stoppingToken)
    {
        // Disposed last: closing the channel below raises its shutdown event, which cancels this. Not
        // linked to stoppingToken, so the batch in hand is finished and acknowledged on shutdown.
        using var lost = new CancellationTokenSource();
        await using var connection = await BrokerConnections.ConnectAsync(settings.RabbitMq, $"monitor-{settings.ServiceName}-{Queue}", stoppingToken);
        // Confirms on: a message moved to _error must be confirmed there before its original is acknowledged.
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        await QueueTopology.DeclareAsync(channel, Queue, options.MessageExchange, stoppingToken);
        await channel.BasicQosAsync(0, options.Prefetch, global: false, stoppingToken);

        channel.ChannelShutdownAsync += (_, _) => lost.CancelAsync();
        var deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            deliveries.Writer.TryWrite(new Delivery(e.DeliveryTag, e.Body.ToArray(), new BasicProperties(e.BasicProperties)));
            return Task.CompletedTask;
        };
        // The broker cancels the consumer when its queue is deleted; the channel stays open, so without
        // this the worker would wait for deliveries that never come.
        consumer.UnregisteredAsync += (_, _) => lost.CancelAsync();
        await channel.BasicConsumeAsync(Queue, autoAck: false, consumer, stoppingToken);
        _consuming = true;
        logger.LogInformation("Consuming {Queue} in batches of up to {BatchSize}", Queue, options.BatchSize);

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(lost.Token, stoppingToken);
        try
        {
            await RunBatchesAsync(channel, deliveries.Reader, waiting.Token, lost.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new IOException(channel.CloseReason?.ReplyText ?? "the broker cancelled the consumer");
        }
    }

    /// <param name="waiting">Ends the wait for a batch and the pauses between retries: the connection lost or the service stopping.</param>
    /// <param name="working">Ends the work on a batch in hand: the connection lost only.</param>
    private async Task RunBatchesAsync(IChannel channel, ChannelReader<Delivery> reader, CancellationToken waiting, CancellationToken working)
    {
        var batch = new List<Delivery>(options.BatchSize);
        var moved = new HashSet<ulong>();
        while (true)
        {
            batch.Clear();
            moved.Clear();
            await CollectAsync(reader, batch, waiting);
            await HandleBatchAsync(channel, batch, moved, waiting, working);
            // Batches run one after another and take deliveries in order, so one ack on the last delivery
            // not already acknowledged on its own (moved to _error) covers the batch and all before it.
            // An ack on a tag acknowledged already would close the channel.
            if (batch.FindLast(d => !moved.Contains(d.DeliveryTag)) is { } last)
                await channel.BasicAckAsync(last.DeliveryTag, multiple: true, working);
            _failedConnections = 0;
        }
    }

    private async Task CollectAsync(ChannelReader<Delivery> reader, List<Delivery> batch, CancellationToken ct)
    {
        batch.Add(await reader.ReadAsync(ct));
        var deadline = DateTime.UtcNow + options.BatchWindow;
        while (batch.Count < options.BatchSize)
        {
            if (reader.TryRead(out var next)) { batch.Add(next); continue; }
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) return;
            using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
            window.CancelAfter(remaining);
            try { await reader.WaitToReadAsync(window.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return; }
        }
    }

    private async Task HandleBatchAsync(IChannel channel, List<Delivery> batch, HashSet<ulong> moved, CancellationToken waiting, CancellationToken working)
    {
        using var activity = MonitorTracing.Source.HasListeners()
            ? MonitorTracing.Source.StartActivity($"{Queue} consume", ActivityKind.Consumer, parentContext: default, links: TraceLinks(batch))
            : null;
        activity?.SetTag("messaging.destination.name", Queue);
        activity?.SetTag("messaging.batch.message_count", batch.Count);

        var accepted = new List<(Delivery Delivery, TMessage Message)>(batch.Count);
        foreach (var delivery in batch)
        {
            TMessage? message = default;
            Exception? refusal;
            // Whatever goes wrong reading or checking one message is about that message alone.
            try
            {
                message = EnvelopeReader.Read<TMessage>(delivery.Body, delivery.Properties.ContentType, _expectedType);
                refusal = handler.Reject(message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                refusal = e;
            }
            if (refusal is null) accepted.Add((delivery, message!));
            else await MoveToErrorQueueAsync(channel, delivery, refusal, retries: 0, moved, working);
        }
        if (accepted.Count == 0) return;

        var messages = accepted.Select(a => a.Message).ToList();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await handler.HandleAsync(messages, working);
                MonitorMetrics.ItemsConsumed.Add(messages.Count, _stage);
                return;
            }
            catch (Exception e) when (!working.IsCancellationRequested && attempt < options.RetryIntervals.Count)
            {
                logger.LogWarning("A batch of {Count} from {Queue} failed (attempt {Attempt}), retrying in {Delay}: {Reason}",
                    messages.Count, Queue, attempt + 1, options.RetryIntervals[attempt], e.Message);
                await Task.Delay(options.RetryIntervals[attempt], waiting);
            }
            catch (Exception e) when (!working.IsCancellationRequested)
            {
                logger.LogError(e, "A batch of {Count} from {Queue} still failed after {Retries} retries; it goes to {ErrorQueue}",
                    messages.Count, Queue, attempt, QueueTopology.ErrorQueueOf(Queue));
                foreach (var (delivery, _) in accepted)
                    await MoveToErrorQueueAsync(channel, delivery, e, attempt, moved, working);
                return;
            }
        }
    }

    /// <summary>The traces the batch's messages were sent in (their W3C traceparent header, as MassTransit writes it).</summary>
    private static IEnumerable<ActivityLink> TraceLinks(List<Delivery> batch)
    {
        foreach (var delivery in batch)
        {
            object? header = null;
            delivery.Properties.Headers?.TryGetValue("traceparent", out header);
            var traceparent = header switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => null };
            if (traceparent is not null && ActivityContext.TryParse(traceparent, null, out var context))
                yield return new ActivityLink(context);
        }
    }

    /// <summary>
    /// Confirmed in _error, then acknowledged at once on its own: should the batch around it never be
    /// acknowledged (a lost connection, a stop during its retries), it is not delivered and moved again.
    /// </summary>
    private async Task MoveToErrorQueueAsync(IChannel channel, Delivery delivery, Exception reason, int retries, HashSet<ulong> moved, CancellationToken ct)
    {
        if (retries == 0)
            logger.LogWarning("A message on {Queue} goes to {ErrorQueue}: {Reason}", Queue, QueueTopology.ErrorQueueOf(Queue), reason.Message);
        await ErrorQueue.MoveAsync(channel, Queue, delivery, reason, retries, ct);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
        moved.Add(delivery.DeliveryTag);
        MonitorMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", "consume"), _stage);
    }
}
