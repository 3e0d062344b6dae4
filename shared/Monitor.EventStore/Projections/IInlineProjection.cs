using Npgsql;

namespace Monitor.EventStore;

/// <summary>
/// Runs inside the append's transaction with the events just appended (duplicates and conflicts
/// excluded), so its writes commit or roll back together with the events.
/// </summary>
public interface IInlineProjection
{
    Task ApplyAsync(IReadOnlyList<StoredEvent> appended, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct);
}
