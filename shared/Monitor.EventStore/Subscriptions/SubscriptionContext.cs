using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// The transaction a batch is handled in. The subscription saves its checkpoint in this same
/// transaction after the handler returns, so read-model writes made here and the checkpoint commit together.
/// Do not commit or roll it back yourself.
/// </summary>
public sealed class SubscriptionContext
{
    internal SubscriptionContext(EventStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, string subscriptionName, GlobalPosition from)
    {
        Store = store;
        Connection = connection;
        Transaction = transaction;
        SubscriptionName = subscriptionName;
        From = from;
    }

    public EventStore Store { get; }
    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public string SubscriptionName { get; }

    /// <summary>The checkpoint the batch was read after.</summary>
    public GlobalPosition From { get; }

    internal bool Appended { get; private set; }

    /// <summary>Appends in this batch's transaction: the events commit together with the checkpoint.</summary>
    public async Task<AppendResult> AppendAsync(Guid streamId, string streamType, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        var result = await Store.AppendAsync(Transaction, streamId, streamType, expected, events, ct);
        Appended |= !result.WasDuplicate;
        return result;
    }

    /// <summary>Batched append in this batch's transaction.</summary>
    public async Task<IReadOnlyList<StreamAppendOutcome>> AppendBatchAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        var outcomes = await Store.AppendBatchAsync(Transaction, appends, ct);
        Appended |= outcomes.Any(o => o.Status == AppendStatus.Appended);
        return outcomes;
    }
}
