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
}
