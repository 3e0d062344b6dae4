using System.Net.Sockets;
using Monitor.Cli.Pipeline;
using Monitor.Hosting.Bus;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.Cli.Errors;

/// <summary>What a replay did: messages moved back, and how many the error queue still holds.</summary>
public sealed record ReplayOutcome(string ErrorQueue, string TargetQueue, int Moved, uint Remaining);

/// <summary>
/// Moves messages from an error queue back to the queue they failed on, over AMQP. Each message is taken
/// with a manual ack, published to the original queue with a publisher confirm, and only then acked, so a
/// crash at any point leaves it on one queue or the other (at worst on both: the consumers are idempotent).
/// The fault headers MassTransit added are dropped, so a message that fails again gets fresh ones.
/// </summary>
public sealed class ErrorQueueReplayer(BrokerSettings settings)
{
    private static readonly TimeSpan PerMessageTimeout = TimeSpan.FromSeconds(30);

    /// <param name="limit">At most this many; null for every message the queue held when the replay began.</param>
    public async Task<ReplayOutcome> ReplayAsync(string errorQueue, int? limit, Action<int, int>? progress, CancellationToken ct)
    {
        var target = ErrorQueueName.OriginalOf(errorQueue);
        await using var connection = await ConnectAsync(ct);

        var waiting = await MessageCountAsync(connection, errorQueue,
            $"there is no queue '{errorQueue}' in vhost '{settings.VirtualHost}' (./monitor errors list shows the error queues)", ct);
        await MessageCountAsync(connection, target,
            $"the queue '{target}' that '{errorQueue}' belongs to does not exist in vhost '{settings.VirtualHost}'; start the service that consumes it, then replay", ct);

        // Bounded by what was there at the start: a message that fails again and returns is not replayed in a loop.
        var planned = (int)Math.Min(limit ?? int.MaxValue, waiting);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        progress?.Invoke(moved, planned);
        while (moved < planned && !ct.IsCancellationRequested)
        {
            // Once a message is taken, finish it even if the user presses Ctrl+C: publish, confirm, ack.
            using var timeout = new CancellationTokenSource(PerMessageTimeout);
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, timeout.Token);
            if (message is null) break;
            var properties = WithoutFaultHeaders(message.BasicProperties);
            try
            {
                await channel.BasicPublishAsync("", target, mandatory: true, properties, message.Body, timeout.Token);
            }
            catch (PublishException e)
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                throw new PipelineCommandException(ExitCodes.Failed,
                    $"RabbitMQ {(e.IsReturn ? "could not route" : "refused")} a message for '{target}'; it stays on '{errorQueue}'. {moved} moved before it.", e);
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, timeout.Token);
            moved++;
            progress?.Invoke(moved, planned);
        }

        var remaining = (await channel.QueueDeclarePassiveAsync(errorQueue, CancellationToken.None)).MessageCount;
        return new ReplayOutcome(errorQueue, target, moved, remaining);
    }

    private static BasicProperties WithoutFaultHeaders(IReadOnlyBasicProperties original)
    {
        var properties = new BasicProperties(original);
        if (original.Headers is { } headers)
            properties.Headers = headers
                .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value);
        return properties;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        var amqp = settings.Amqp;
        try
        {
            return await BrokerConnections.ConnectAsync(amqp, "monitor errors replay", ct);
        }
        catch (BrokerUnreachableException e) when (e.InnerException is AuthenticationFailureException or OperationInterruptedException)
        {
            throw new PipelineCommandException(ExitCodes.Failed,
                $"RabbitMQ at {amqp} refused the connection: {e.InnerException!.Message} (check the user, password and vhost in MONITOR_RABBITMQ)", e);
        }
        catch (Exception e) when (e is BrokerUnreachableException or SocketException or TimeoutException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach RabbitMQ at {amqp} (MONITOR_RABBITMQ): {e.Message} (./monitor provision starts it)", e);
        }
    }

    /// <summary>The queue's ready messages; a missing queue fails with <paramref name="missing"/>.</summary>
    private static async Task<uint> MessageCountAsync(IConnection connection, string queue, string missing, CancellationToken ct)
    {
        // A passive declare of a missing queue closes its channel, so each check gets its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            throw new PipelineCommandException(ExitCodes.Failed, missing, e);
        }
    }
}
