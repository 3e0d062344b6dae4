using Microsoft.Extensions.Hosting;

namespace Monitor.Hosting.Storage;

/// <summary>
/// Runs the start-up work registered with <see cref="EventStoreHosting.BeforeDaemonStarts"/> (readying read models
/// for the version this release projects) between the schema and Marten's daemon: it is added before the daemon's
/// hosted service, and hosted services start one after another in that order.
/// </summary>
internal sealed class BeforeDaemonStarts(IServiceProvider services, IEnumerable<BeforeDaemonStarts.Task> tasks) : IHostedService
{
    public sealed record Task(Func<IServiceProvider, CancellationToken, System.Threading.Tasks.Task> Run);

    public async System.Threading.Tasks.Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var task in tasks) await task.Run(services, cancellationToken);
    }

    public System.Threading.Tasks.Task StopAsync(CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
}
