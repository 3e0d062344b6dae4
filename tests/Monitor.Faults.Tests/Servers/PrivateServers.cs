using Monitor.Testing.Processes;

namespace Monitor.Faults.Tests.Servers;

/// <summary>
/// The suite's own RabbitMQ node and PostgreSQL cluster, started once for all scenarios (each
/// scenario takes a fresh vhost and schema on them) and removed at the end. Restarting the shared
/// servers would break the other test projects that run at the same time.
/// </summary>
public sealed class PrivateServers : IAsyncLifetime
{
    public PrivateRabbitMq RabbitMq { get; private set; } = null!;
    public PrivatePostgres Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var rabbit = PrivateRabbitMq.StartAsync();
        var postgres = PrivatePostgres.StartAsync();
        try
        {
            await Task.WhenAll(rabbit, postgres);
        }
        catch
        {
            if (rabbit.IsCompletedSuccessfully) await rabbit.Result.DisposeAsync();
            if (postgres.IsCompletedSuccessfully) await postgres.Result.DisposeAsync();
            throw;
        }
        RabbitMq = rabbit.Result;
        Postgres = postgres.Result;
    }

    public async Task DisposeAsync()
    {
        if (RabbitMq is not null) await RabbitMq.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<PrivateServers>
{
    public const string Name = "faults";
}
