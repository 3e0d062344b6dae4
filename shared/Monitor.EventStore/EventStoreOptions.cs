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

    /// <summary>
    /// When an append runs while an <see cref="System.Diagnostics.Activity"/> is current (an HTTP request, a
    /// consumer's batch span), store its W3C trace context (<see cref="TraceContextHeaders"/>) as the headers
    /// of every event that comes without headers of its own; events with headers keep exactly those.
    /// </summary>
    /// <remarks>
    /// The rule lives in the store rather than in each caller or in the hosting library: every append passes
    /// through here (HTTP handlers, batch consumers, subscription handlers inside their transaction), so no
    /// caller can forget it, and it needs only System.Diagnostics, so the store stays free of the hosting
    /// library. It costs nothing when no activity is current, i.e. when nothing listens for activities.
    /// Turn it off where an append's activity says nothing about the events (e.g. a bulk import tool).
    /// </remarks>
    public bool RecordTraceContext { get; init; } = true;

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
