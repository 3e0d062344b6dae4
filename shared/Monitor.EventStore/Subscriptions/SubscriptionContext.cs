using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// Where a batch's effects go. Writes made through <see cref="WriteAsync"/> commit together with the
/// subscription's checkpoint, so a batch is applied exactly once to a read model in this database.
/// Read the read model through <see cref="DataSource"/>: the subscription is its only writer and hands over
/// one batch at a time, so what is committed there is everything the earlier batches wrote.
/// </summary>
public sealed class SubscriptionContext
{
    private readonly Func<IReadOnlyList<NpgsqlBatchCommand>, CancellationToken, Task> _write;

    internal SubscriptionContext(EventStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, string subscriptionName, GlobalPosition from)
    {
        Store = store;
        Connection = connection;
        Transaction = transaction;
        DataSource = store.DataSource;
        SubscriptionName = subscriptionName;
        From = from;
        _write = async (commands, ct) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in commands) batch.BatchCommands.Add(command);
            await batch.ExecuteNonQueryAsync(ct);
        };
    }

    /// <summary>A batch handed over by Marten's async daemon: writes are queued into the daemon's unit of work.</summary>
    internal SubscriptionContext(NpgsqlDataSource dataSource, string subscriptionName, GlobalPosition from, Func<IReadOnlyList<NpgsqlBatchCommand>, CancellationToken, Task> write)
    {
        Store = null!;
        Connection = null!;
        Transaction = null!;
        DataSource = dataSource;
        SubscriptionName = subscriptionName;
        From = from;
        _write = write;
    }

    public EventStore Store { get; }

    /// <summary>The batch's connection and transaction; null when Marten's daemon runs the subscription (use <see cref="WriteAsync"/>).</summary>
    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    /// <summary>For reads of the read model the subscription keeps.</summary>
    public NpgsqlDataSource DataSource { get; }

    public string SubscriptionName { get; }

    /// <summary>The checkpoint the batch was read after.</summary>
    public GlobalPosition From { get; }

    internal bool Appended { get; private set; }

    /// <summary>Writes that commit together with the checkpoint.</summary>
    public Task WriteAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return commands.Count == 0 ? Task.CompletedTask : _write(commands, ct);
    }

    /// <summary>Appends in this batch's transaction: the events commit together with the checkpoint.</summary>
    public async Task<AppendResult> AppendAsync(Guid streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        EnsureTransaction();
        var result = await Store.AppendAsync(Transaction, streamId, streamType, expected, events, ct);
        Appended |= !result.WasDuplicate;
        return result;
    }

    /// <summary>Batched append in this batch's transaction.</summary>
    public async Task<IReadOnlyList<StreamAppendOutcome>> AppendBatchAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        EnsureTransaction();
        var outcomes = await Store.AppendBatchAsync(Transaction, appends, ct);
        Appended |= outcomes.Any(o => o.Status == AppendStatus.Appended);
        return outcomes;
    }

    private void EnsureTransaction()
    {
        if (Transaction is null)
            throw new InvalidOperationException(
                $"Subscription '{SubscriptionName}' runs under Marten's daemon, whose batches cannot append yet; append through MartenEventLog instead.");
    }
}
