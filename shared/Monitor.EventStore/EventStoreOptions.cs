using System.Text.RegularExpressions;

namespace Monitor.EventStore;

/// <summary>Where the store lives and how it retries transient failures.</summary>
public sealed partial class EventStoreOptions
{
    public required string ConnectionString { get; init; }

    /// <summary>The PostgreSQL schema holding the store's tables (lower-case letters, digits and '_').</summary>
    public string Schema { get; init; } = "monitor";

    /// <summary>How often a transient failure (lost connection, serialization failure, failover) is retried.</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>The first retry delay; later delays grow exponentially.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    internal static string ValidateSchema(string schema)
    {
        if (string.IsNullOrEmpty(schema) || !SchemaName().IsMatch(schema))
            throw new ArgumentException(
                $"Event store schema '{schema}' is not valid: use 1 to 50 lower-case letters, digits or '_', starting with a letter or '_'.",
                nameof(schema));
        return schema;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,49}$")]
    private static partial Regex SchemaName();
}
