using Monitor.Testing;

namespace Monitor.Pipeline.Tests.EndToEnd;

/// <summary>A fresh schema and a fresh vhost for the end-to-end run; the test starts and kills the processes itself.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public PostgresSchema Schema { get; } = new();
    public RabbitMqVhost Vhost { get; } = new();

    public async Task InitializeAsync()
    {
        await Schema.InitializeAsync();
        await Vhost.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Vhost.DisposeAsync();
        await Schema.DisposeAsync();
    }
}
