using Monitor.EventStore;
using Npgsql;

namespace Monitor.ReadModels;

/// <summary>
/// A projection into plain tables. Writes go through the batch's transaction, where the subscription
/// also saves its checkpoint: a batch's effects and its checkpoint commit together. Statements are
/// upserts keyed by stream id (or event id), so handling an event again leaves the same rows.
/// </summary>
public abstract class SqlProjection(ReadModelTables tables) : Projection
{
    protected ReadModelTables Tables { get; } = tables;

    /// <summary>CREATE TABLE / INDEX IF NOT EXISTS statements, run in order.</summary>
    protected abstract IEnumerable<string> CreateStatements(string trigramSchema);

    /// <summary>The tables <see cref="ClearAsync"/> empties.</summary>
    protected abstract IEnumerable<string> OwnedTables { get; }

    protected virtual bool NeedsTrigrams => false;

    public override async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var trigramSchema = NeedsTrigrams ? await Trigrams.EnsureAsync(connection, ct) : "public";
        foreach (var statement in CreateStatements(trigramSchema))
        {
            await using var cmd = new NpgsqlCommand(statement, connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task ClearAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"TRUNCATE {string.Join(", ", OwnedTables)}", connection, transaction);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    protected static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
            command.Parameters.Add(p switch
            {
                NpgsqlParameter parameter => parameter,
                // timestamptz takes only UTC offsets; sources report local times (+08:00)
                DateTimeOffset at => new NpgsqlParameter { Value = at.ToUniversalTime() },
                null => new NpgsqlParameter { Value = DBNull.Value },
                _ => new NpgsqlParameter { Value = p },
            });
        return command;
    }

    protected static Task ExecuteAsync(SubscriptionContext context, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct) =>
        context.WriteAsync(commands, ct);
}
