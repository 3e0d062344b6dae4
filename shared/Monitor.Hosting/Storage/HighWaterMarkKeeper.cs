using JasperFx.Events.Daemon;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Hosting.Storage;

/// <summary>
/// Keeps Marten's high water mark moving in a service that reads the log but runs no subscription of its own (the
/// alerts service): Marten's daemon starts its high water agent only beside subscription agents, and readers stop at the mark.
/// </summary>
internal sealed class HighWaterMarkKeeper(IProjectionCoordinator coordinator, ILogger<HighWaterMarkKeeper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await coordinator.DaemonForMainDatabase().RestartHighWaterAgentAsync(cancellationToken);
        logger.LogInformation("High water agent started for a service without subscriptions");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
