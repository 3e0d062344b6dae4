using Monitor.Testing;

namespace Monitor.Feeds.Tests.Support;

public static class ServiceEnvironment
{
    /// <summary>What every service of an end-to-end run shares: the test's schema and vhost, text logs.</summary>
    public static Dictionary<string, string> For(PostgresSchema schema, RabbitMqVhost vhost, int port) => new()
    {
        ["MONITOR_POSTGRES"] = schema.ConnectionString,
        ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
        ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["MONITOR_LOG_FORMAT"] = "text",
    };
}
