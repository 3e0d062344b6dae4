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

    public static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static NpgsqlParameter Bigints(IEnumerable<long?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    /// <summary>timestamptz takes only UTC offsets; sources report local times (+08:00).</summary>
    public static NpgsqlParameter Times(IEnumerable<DateTimeOffset> values) =>
        new() { Value = values.Select(v => v.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    /// <summary>One JSON value per row: how a list per row travels through unnest (PostgreSQL arrays are rectangular).</summary>
    public static NpgsqlParameter JsonbArray(IEnumerable<object> values) =>
        new() { Value = values.Select(v => JsonSerializer.Serialize(v, Json)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };
}
