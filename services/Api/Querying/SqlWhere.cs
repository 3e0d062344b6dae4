using Npgsql;

namespace Monitor.Api.Querying;

/// <summary>A WHERE clause built from conditions and their positional parameters ($1, $2, ...).</summary>
internal sealed class SqlWhere
{
    private readonly List<string> _conditions = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Add(object value)
    {
        Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return "$" + Parameters.Count;
    }

    public SqlWhere And(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    public override string ToString() => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    /// <summary>A command with this clause's parameters (copied: a parameter belongs to one command).</summary>
    public NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql)
    {
        var cmd = dataSource.CreateCommand(sql);
        foreach (var p in Parameters) cmd.Parameters.Add(p.Clone());
        return cmd;
    }
}
