using System.Data.Common;
using System.Text;
using Npgsql;
using Weasel.Core;
using Weasel.Storage;

namespace Monitor.EventStore;

/// <summary>
/// A statement written for Npgsql (<c>$1</c>, <c>$2</c>, ... positional parameters) queued into a Marten unit of
/// work, so that it commits with whatever else the unit of work writes: for a subscription, its progress.
/// </summary>
internal sealed class QueuedStatement(NpgsqlBatchCommand command) : Weasel.Storage.IStorageOperation
{
    public Type DocumentType => typeof(QueuedStatement);

    public OperationRole Role() => OperationRole.Other;

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var sql = command.CommandText;
        var text = new StringBuilder();
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] != '$' || i + 1 >= sql.Length || !char.IsAsciiDigit(sql[i + 1]))
            {
                text.Append(sql[i]);
                continue;
            }
            var end = i + 1;
            while (end < sql.Length && char.IsAsciiDigit(sql[end])) end++;
            var ordinal = int.Parse(sql.AsSpan(i + 1, end - i - 1));
            builder.Append(text.ToString());
            text.Clear();
            Bind(builder.AppendParameter(null!), command.Parameters[ordinal - 1]);
            i = end - 1;
        }
        builder.Append(text.ToString());
    }

    private static void Bind(DbParameter target, NpgsqlParameter source)
    {
        target.Value = source.Value ?? DBNull.Value;
        if (target is NpgsqlParameter npgsql && source.NpgsqlDbType != NpgsqlTypes.NpgsqlDbType.Unknown)
            npgsql.NpgsqlDbType = source.NpgsqlDbType;
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;
}
