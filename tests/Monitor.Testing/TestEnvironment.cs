namespace Monitor.Testing;

/// <summary>
/// Where the tests find PostgreSQL and RabbitMQ. ./monitor test provisions both on loopback and
/// exports these variables; the defaults match what it provisions.
/// </summary>
public static class TestEnvironment
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("MONITOR_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor";

    /// <summary>amqp://user:password@host:port/ (the vhost part is replaced per test run).</summary>
    public static Uri RabbitMq => new(
        Environment.GetEnvironmentVariable("MONITOR_RABBITMQ") ?? "amqp://monitor:monitor@127.0.0.1:5672/");

    /// <summary>http://user:password@host:15672 — the management API, used to create and delete vhosts.</summary>
    public static Uri RabbitMqManagement => new(
        Environment.GetEnvironmentVariable("MONITOR_RABBITMQ_MANAGEMENT") ?? "http://monitor:monitor@127.0.0.1:15672");

    /// <summary>A name no other test run uses: lower-case letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)].ToLowerInvariant();
}
