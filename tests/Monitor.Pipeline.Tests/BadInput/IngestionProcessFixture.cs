using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Pipeline.Tests.BadInput;

/// <summary>The ingestion service as its own process on a fresh schema and vhost, with a 64 KiB body limit.</summary>
public sealed class IngestionProcessFixture : IAsyncLifetime
{
    public const long MaxBodyBytes = 64 * 1024;

    public PostgresSchema Schema { get; } = new();
    public RabbitMqVhost Vhost { get; } = new();
    public PipelineProcesses Processes { get; private set; } = null!;
    public EventsTable Events { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Schema.InitializeAsync();
        await Vhost.InitializeAsync();
        Processes = new PipelineProcesses(Schema, Vhost,
            new Dictionary<string, string> { ["MONITOR_INGESTION_MAX_BODY_BYTES"] = MaxBodyBytes.ToString() });
        await Processes.StartAsync(PipelineProcesses.Ingestion);
        Events = new EventsTable(Schema.DataSource, Schema.Name);
        Http = new HttpClient { BaseAddress = Processes[PipelineProcesses.Ingestion].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Processes is not null) await Processes.DisposeAsync();
        await Vhost.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
