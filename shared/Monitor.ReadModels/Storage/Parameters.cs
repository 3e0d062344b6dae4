using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.ReadModels;

internal static class Parameters
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static NpgsqlParameter Jsonb(object value) =>
        new() { Value = JsonSerializer.Serialize(value, Json), NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter Bigint(long? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    public static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
