using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Monitor.Bench.Pipeline;

/// <summary>
/// What the broker and the database manage on this machine by themselves, measured in the same run
/// as the pipeline so its figure has a yardstick taken under the same load.
/// </summary>
public static class RawLimits
{
    private const int InFlight = 500;
    private const int AckEvery = 50;

    /// <summary>
    /// RabbitMQ.Client alone: one connection publishes <paramref name="messages"/> persistent messages of
    /// <paramref name="bodyBytes"/> bytes to a quorum queue with publisher confirms (up to 500 unconfirmed),
    /// while a consumer on another channel takes them (prefetch 500, acks every 50). Messages per second
    /// from the first publish to the last delivery.
    /// </summary>
    public static async Task<double> RabbitMqPublishConfirmConsumeAsync(Uri vhost, int messages, int bodyBytes, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = vhost, ClientProvidedName = "monitor-bench-raw" };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publishChannel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consumeChannel = await connection.CreateChannelAsync();

        const string queue = "bench-raw";
        await publishChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consumeChannel.BasicQosAsync(0, InFlight, global: false);

        var consumed = 0;
        var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumeChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var n = ++consumed; // deliveries on one channel are dispatched one at a time
            if (n % AckEvery == 0 || n == messages)
                await consumeChannel.BasicAckAsync(delivery.DeliveryTag, multiple: true);
            if (n == messages) allConsumed.TrySetResult();
        };
        await consumeChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var body = new byte[bodyBytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/octet-stream" };
        using var window = new SemaphoreSlim(InFlight);
        var stopwatch = Stopwatch.StartNew();
        var confirmations = new List<Task>(messages);
        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync();
            confirmations.Add(PublishAsync());
        }
        await Task.WhenAll(confirmations);
        if (await Task.WhenAny(allConsumed.Task, Task.Delay(timeout)) != allConsumed.Task)
            throw new TimeoutException($"The raw RabbitMQ consumer got {consumed} of {messages} messages within {timeout.TotalSeconds:0} s.");
        return messages / stopwatch.Elapsed.TotalSeconds;

        async Task PublishAsync()
        {
            try { await publishChannel.BasicPublishAsync("", queue, mandatory: false, properties, body); }
            finally { window.Release(); }
        }
    }

    /// <summary>
    /// Npgsql alone: a table shaped like the events table (same columns, keys and indexes), one
    /// transaction per NpgsqlBatch of <paramref name="batchSize"/> INSERTs of a jsonb payload of
    /// <paramref name="payloadChars"/> characters, on <paramref name="connections"/> connections for
    /// <paramref name="duration"/>. Rows per second.
    /// </summary>
    public static async Task<double> PostgresBatchedInsertAsync(NpgsqlDataSource dataSource, string schema, int batchSize, int connections, int payloadChars, TimeSpan duration)
    {
        var table = $"\"{schema}\".raw_events";
        await using (var create = dataSource.CreateCommand($"""
            CREATE TABLE {table} (
                seq_id bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id uuid NOT NULL, version integer NOT NULL,
                type text NOT NULL, data jsonb NOT NULL, headers jsonb, tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                timestamp timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version));
            CREATE INDEX ON {table} (tx_id, seq_id);
            """))
            await create.ExecuteNonQueryAsync();

        var payload = System.Text.Json.JsonSerializer.Serialize(new { text = new string('字', payloadChars), reach = 12345, language = "zh" });
        var insert = $"INSERT INTO {table} (id, stream_id, version, type, data) VALUES ($1, $2, 1, 'raw-event', $3::jsonb)";
        long rows = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (stopwatch.Elapsed < duration)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, tx);
                for (var i = 0; i < batchSize; i++)
                {
                    var command = new NpgsqlBatchCommand(insert);
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid(), NpgsqlDbType = NpgsqlDbType.Uuid });
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid(), NpgsqlDbType = NpgsqlDbType.Uuid });
                    command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Text });
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Add(ref rows, batchSize);
            }
        })));
        return rows / stopwatch.Elapsed.TotalSeconds;
    }
}
