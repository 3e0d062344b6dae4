using System.Text.RegularExpressions;
using Npgsql;

namespace Monitor.Cli.Pipeline.Stats;

/// <summary>Where the event store lives: MONITOR_POSTGRES and MONITOR_EVENTSTORE_SCHEMA, as the services read them.</summary>
public sealed partial record EventStoreConnection(string ConnectionString, string Schema)
{
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor";
    public const string DefaultSchema = "monitor";

    public static EventStoreConnection FromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable("MONITOR_POSTGRES");
        var schema = Environment.GetEnvironmentVariable("MONITOR_EVENTSTORE_SCHEMA");
        return Create(
            string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString,
            string.IsNullOrWhiteSpace(schema) ? DefaultSchema : schema);
    }

    public static EventStoreConnection Create(string connectionString, string schema)
    {
        // The schema name is spliced into SQL, so only plain identifiers are accepted.
        if (!PlainIdentifier().IsMatch(schema))
            throw new PipelineCommandException(ExitCodes.Usage,
                $"MONITOR_EVENTSTORE_SCHEMA '{schema}' is not a plain schema name (lower-case letters, digits and _, starting with a letter or _)");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new PipelineCommandException(ExitCodes.Usage, $"MONITOR_POSTGRES is not a valid connection string: {e.Message}");
        }
        return new EventStoreConnection(connectionString, schema);
    }

    public string EventsTable => $"\"{Schema}\".mt_events";

    public string Describe()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{b.Host}:{b.Port}/{b.Database} schema {Schema}";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}
