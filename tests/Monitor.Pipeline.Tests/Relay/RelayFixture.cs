using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Relay;

/// <summary>A fresh event store schema and a fresh vhost for one relay test class.</summary>
public sealed class RelayFixture : IAsyncLifetime
{
    public StoreFixture Storage { get; } = new();
    public RabbitMqVhost Vhost { get; } = new();
    public EventStore.EventStore Store => Storage.Store;

    public async Task InitializeAsync()
    {
        await Storage.InitializeAsync();
        await Vhost.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Vhost.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
