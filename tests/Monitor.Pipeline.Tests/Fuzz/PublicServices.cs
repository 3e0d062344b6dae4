using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Pipeline.Tests.Fuzz;

/// <summary>
/// The services with public HTTP endpoints (ingestion, the API and alerts), each its own process,
/// on one fresh schema and vhost, as deployed: they share the event store.
/// </summary>
public sealed class PublicServices : IAsyncLifetime
{
    public const string AdminKey = "admin-key-for-fuzz-tests-0123456789";
    public static readonly IReadOnlyList<string> Folders = ["Ingestion", "Api", "Alerts"];

    public PostgresSchema Schema { get; } = new();
    public RabbitMqVhost Vhost { get; } = new();
    public ServiceGroup Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Schema.InitializeAsync();
        await Vhost.InitializeAsync();
        Services = new ServiceGroup(new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = Schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = Schema.Name,
            ["MONITOR_RABBITMQ"] = Vhost.AmqpUri.ToString(),
            ["MONITOR_ADMIN_KEY"] = AdminKey,
            ["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1",
        });
        await Services.StartAsync(Folders, TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        if (Services is not null) await Services.DisposeAsync();
        await Vhost.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
