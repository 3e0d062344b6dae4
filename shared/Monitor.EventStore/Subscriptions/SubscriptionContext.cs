using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// Where a page's effects go. Writes made through <see cref="WriteAsync"/> are queued into the daemon's unit of work
/// and commit together with the subscription's progress, so a page is applied exactly once to a read model in this
/// database. Read the read model through <see cref="DataSource"/>: the subscription is its only writer and hands over
/// one page at a time, so what is committed there is everything the earlier pages wrote.
/// </summary>
public sealed class SubscriptionContext
{
    private readonly Func<IReadOnlyList<NpgsqlBatchCommand>, CancellationToken, Task> _write;

    internal SubscriptionContext(NpgsqlDataSource dataSource, string subscriptionName, GlobalPosition from, Func<IReadOnlyList<NpgsqlBatchCommand>, CancellationToken, Task> write)
    {
        DataSource = dataSource;
        SubscriptionName = subscriptionName;
        From = from;
        _write = write;
    }

    /// <summary>For reads of the read model the subscription keeps.</summary>
    public NpgsqlDataSource DataSource { get; }

    public string SubscriptionName { get; }

    /// <summary>The progress the page was read after.</summary>
    public GlobalPosition From { get; }

    /// <summary>Writes that commit together with the subscription's progress.</summary>
    public Task WriteAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return commands.Count == 0 ? Task.CompletedTask : _write(commands, ct);
    }
}
