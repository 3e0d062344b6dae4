using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Hosting.Storage;

/// <summary>
/// For a service that runs without DDL rights (MONITOR_EVENTSTORE_MIGRATE=false): instead of
/// migrating, waits until the role that owns the schema has created Marten's tables and functions as this release configures them,
/// then lets the service start. Gives up after about a minute with an error that says what to do.
/// </summary>
internal sealed class EventStoreSchemaWait(EventStore.EventStore store, ILogger<EventStoreSchemaWait> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private const int Attempts = 30;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await IsReadyAsync(cancellationToken))
                {
                    logger.LogInformation("Event store schema {Schema} is ready (migrated by its owner)", store.Schema);
                    return;
                }
                logger.LogWarning("Event store schema {Schema} is not created yet (attempt {Attempt} of {Attempts})", store.Schema, attempt, Attempts);
            }
            catch (Npgsql.NpgsqlException e) when (e.IsTransient)
            {
                logger.LogWarning(e, "PostgreSQL is not reachable yet (attempt {Attempt} of {Attempts})", attempt, Attempts);
            }
            if (attempt >= Attempts)
                throw new InvalidOperationException(
                    $"The event store schema '{store.Schema}' was not created within {Attempts * RetryDelay.TotalSeconds:0} s. " +
                    "This service runs with MONITOR_EVENTSTORE_MIGRATE=false; start one that migrates (the relay, with the owning role) first.");
            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    private async Task<bool> IsReadyAsync(CancellationToken ct) => await store.SchemaIsCurrentAsync(ct);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
