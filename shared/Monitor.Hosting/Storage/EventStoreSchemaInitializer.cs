using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Hosting.Storage;

/// <summary>
/// Creates or migrates the event store's schema before anything else starts (it is registered ahead
/// of the bus, and hosted services start in order). Several services may start at once; the store
/// guards its migration with an advisory lock.
/// </summary>
internal sealed class EventStoreSchemaInitializer(EventStore.EventStore store, ILogger<EventStoreSchemaInitializer> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private const int Attempts = 30;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.EnsureSchemaAsync(cancellationToken);
                logger.LogInformation("Event store schema {Schema} is ready", store.Schema);
                return;
            }
            catch (Npgsql.NpgsqlException e) when (attempt < Attempts && e.IsTransient)
            {
                logger.LogWarning(e, "PostgreSQL is not reachable yet (attempt {Attempt} of {Attempts})", attempt, Attempts);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
