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
/// When the connection is lost it connects again (with the <see cref="QueueConsumerOptions.ReconnectDelays"/>)
/// and the broker delivers again whatever was not acknowledged, which the idempotent handlers absorb.
/// </summary>
public sealed class BatchQueueConsumer<TMessage>(
    IBatchHandler<TMessage> handler, QueueConsumerOptions options, MonitorSettings settings, ILogger<BatchQueueConsumer<TMessage>> logger)
    : BackgroundService, IQueueConsumer
{
    private readonly KeyValuePair<string, object?> _stage = new("stage", options.Queue);
    private volatile bool _consuming;

    public string Queue => options.Queue;

    public bool IsConsuming => _consuming;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilDisconnectedAsync(() => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Consumer of {Queue} lost the broker ({Reason}); unacknowledged messages will be delivered again", Queue, e.Message);
            }
            finally
            {
                _consuming = false;
            }
            var delay = options.ReconnectDelays[Math.Min(failures++, options.ReconnectDelays.Count - 1)];
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task ConsumeUntilDisconnectedAsync(Action connected, CancellationToken stoppingToken)
    {
        // Disposed last: closing the channel below raises its shutdown event, which cancels this.
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
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
            deliveries.Writer.TryWrite(new Delivery(e.DeliveryTag, e.Body.ToArray(), new BasicProperties(e.BasicProperties), e.Redelivered));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(Queue, autoAck: false, consumer, stoppingToken);
        _consuming = true;
        connected();
        logger.LogInformation("Consuming {Queue} in batches of up to {BatchSize}", Queue, options.BatchSize);

        try
        {
            await RunBatchesAsync(channel, deliveries.Reader, lost.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new IOException(channel.CloseReason?.ReplyText ?? "the channel closed");
        }
    }

    private async Task RunBatchesAsync(IChannel channel, ChannelReader<Delivery> reader, CancellationToken ct)
    {
        var batch = new List<Delivery>(options.BatchSize);
        while (true)
        {
            batch.Clear();
            await CollectAsync(reader, batch, ct);
            await HandleAsync(channel, batch, ct);
            // Every delivery of the batch is settled (stored, or confirmed in _error), and batches run one
            // after another, so one ack covers the batch and everything before it.
            await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, ct);
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

    private async Task HandleAsync(IChannel channel, List<Delivery> batch, CancellationToken ct)
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
                message = EnvelopeReader.Read<TMessage>(delivery.Body, delivery.Properties.ContentType);
                refusal = handler.Reject(message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                refusal = e;
            }
            if (refusal is null) accepted.Add((delivery, message!));
            else await RefuseAsync(channel, delivery, refusal, ct);
        }
        if (accepted.Count == 0) return;

        var messages = accepted.Select(a => a.Message).ToList();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await handler.HandleAsync(messages, ct);
                MonitorMetrics.ItemsConsumed.Add(messages.Count, _stage);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt < options.RetryIntervals.Count)
            {
                logger.LogWarning("A batch of {Count} from {Queue} failed (attempt {Attempt}), retrying in {Delay}: {Reason}",
                    messages.Count, Queue, attempt + 1, options.RetryIntervals[attempt], e.Message);
                await Task.Delay(options.RetryIntervals[attempt], ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "A batch of {Count} from {Queue} still failed after {Retries} retries; it goes to {ErrorQueue}",
                    messages.Count, Queue, attempt, QueueTopology.ErrorQueueOf(Queue));
                foreach (var (delivery, _) in accepted)
                    await MoveToErrorQueueAsync(channel, delivery, e, attempt, ct);
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

    private async Task RefuseAsync(IChannel channel, Delivery delivery, Exception reason, CancellationToken ct)
    {
        logger.LogWarning("A message on {Queue} goes to {ErrorQueue}: {Reason}", Queue, QueueTopology.ErrorQueueOf(Queue), reason.Message);
        await MoveToErrorQueueAsync(channel, delivery, reason, retries: 0, ct);
    }

    private async Task MoveToErrorQueueAsync(IChannel channel, Delivery delivery, Exception reason, int retries, CancellationToken ct)
    {
        await ErrorQueue.MoveAsync(channel, Queue, delivery, reason, retries, ct);
        MonitorMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", "consume"), _stage);
    }
}
