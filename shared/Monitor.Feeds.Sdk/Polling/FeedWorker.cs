using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Journal;

namespace Monitor.Feeds.Sdk.Polling;

/// <summary>
/// The feed's schedule: register, then a poll cycle every interval, a heartbeat after each good
/// cycle and a FeedFailing with the reason after each bad one. Stopping waits for the page in
/// flight to be published and recorded (see <see cref="FeedPoller"/>).
/// </summary>
public sealed class FeedWorker(
    IFeedSource source,
    IFeedJournal journal,
    FeedPoller poller,
    FeedStatus status,
    FeedSettings settings,
    TimeProvider time,
    ILogger<FeedWorker> logger) : BackgroundService
{
    private static readonly TimeSpan StartRetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            await RegisterAsync(stopping);
            while (!stopping.IsCancellationRequested)
            {
                await RunCycleAsync(stopping);
                await Task.Delay(settings.Interval, time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Feed {Feed} stopped", settings.Name);
        }
    }

    private async Task RegisterAsync(CancellationToken stopping)
    {
        // The database may come up after the feed; keep trying rather than dying at start.
        while (true)
        {
            try
            {
                await journal.LoadAsync(stopping);
                await journal.RegisterAsync(new FeedRegistered(
                    settings.Name, source.Platform, source.Describe(), settings.Keywords, settings.Interval,
                    $"{Environment.MachineName}/{Environment.ProcessId}",
                    Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0.0",
                    time.GetUtcNow()), stopping);
                status.Registered();
                logger.LogInformation("Feed {Feed} ({Platform}) registered, reading {Source}, resuming after cursor {Cursor}",
                    settings.Name, source.Platform, source.Describe(), journal.Cursor ?? "(start)");
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Feed {Feed} could not register yet; retrying in {Delay}", settings.Name, StartRetryDelay);
                await Task.Delay(StartRetryDelay, time, stopping);
            }
        }
    }

    /// <summary>
    /// A feed that stays down would otherwise add an event every interval: record a new reason at
    /// once, and the same reason again at the 2nd, 4th, 8th ... failure in a row.
    /// </summary>
    public static bool ShouldRecord(string reason, string? previousReason, int consecutiveFailures) =>
        reason != previousReason || (consecutiveFailures & (consecutiveFailures - 1)) == 0;

    private async Task RunCycleAsync(CancellationToken stopping)
    {
        try
        {
            var result = await poller.RunCycleAsync(stopping);
            status.Succeeded(result, time.GetUtcNow());
            await journal.HeartbeatAsync(
                new FeedHeartbeat(settings.Name, result.Published, result.Quarantined, result.Pages, time.GetUtcNow(),
                    result.PagesRefused, result.LastPageRefused), stopping);
            logger.LogInformation("Feed {Feed} cycle: {Pages} pages, {Published} published, {Quarantined} quarantined, {PagesRefused} pages refused",
                settings.Name, result.Pages, result.Published, result.Quarantined, result.PagesRefused);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            var reason = FailureReason.Describe(e);
            var previous = status.Current.LastFailure;
            status.Failed(reason, notConfigured: e is FeedNotConfiguredException);
            if (e is FeedNotConfiguredException) logger.LogWarning("Feed {Feed} reads nothing: {Reason}", settings.Name, reason);
            else logger.LogWarning(e, "Feed {Feed} cycle failed: {Reason}", settings.Name, reason);
            if (!ShouldRecord(reason, previous, status.Current.ConsecutiveFailures)) return;
            try
            {
                await journal.FailingAsync(new FeedFailing(settings.Name, reason, status.Current.ConsecutiveFailures, time.GetUtcNow()), stopping);
            }
            catch (Exception report) when (report is not OperationCanceledException)
            {
                logger.LogError(report, "Feed {Feed} could not record its failure", settings.Name);
            }
        }
    }
}
