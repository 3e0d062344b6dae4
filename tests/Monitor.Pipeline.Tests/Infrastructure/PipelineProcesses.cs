using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>
/// The pipeline's services, each its own process, against one fresh schema and one fresh vhost.
/// Start only the ones a test needs; dispose kills them all.
/// </summary>
public sealed class PipelineProcesses(PostgresSchema schema, RabbitMqVhost vhost, IReadOnlyDictionary<string, string>? extra = null)
    : ServiceGroup(Environment(schema, vhost, extra))
{
    public const string Ingestion = "Ingestion";
    public const string Extraction = "Extraction";
    public const string Sentiment = "Sentiment";
    public const string Relay = "Relay";
    public static readonly IReadOnlyList<string> All = [Ingestion, Extraction, Sentiment, Relay];

    private static Dictionary<string, string> Environment(PostgresSchema schema, RabbitMqVhost vhost, IReadOnlyDictionary<string, string>? extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
            ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) environment[name] = value;
        return environment;
    }
}
