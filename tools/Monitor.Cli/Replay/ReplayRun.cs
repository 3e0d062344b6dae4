using System.Diagnostics;
using System.Text.Json;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Ingest;
using Monitor.Contracts;
using Monitor.Feeds.Replay;

namespace Monitor.Cli.Replay;

/// <summary>How a replay went: items sent of those planned, ingestion's counts, and whether Ctrl+C stopped it.</summary>
public sealed record ReplayOutcome(int Sent, int Planned, IngestTally Tally, bool Stopped, TimeSpan Elapsed, DateTimeOffset? LastPublishedAt);

/// <summary>
/// Sends a recorded corpus to ingestion in the order it was published, with the gaps between publication
/// times divided by the speed (and capped by the longest gap): the replay feed's timing (ReplaySchedule),
/// driven from the command line. Items due together go in one POST.
/// </summary>
public sealed class ReplayRun(IngestionClient client, TimeProvider time)
{
    private const int LargestBatch = 100;

    public async Task<ReplayOutcome> RunAsync(IReadOnlyList<CoverageReceived> items, double speed, TimeSpan? longestGap,
        Action<int, int>? progress, CancellationToken stop)
    {
        var schedule = new ReplaySchedule(items.Select(i => i.PublishedAt).ToArray(), speed, longestGap);
        var tally = new IngestTally();
        var clock = Stopwatch.StartNew();
        var start = time.GetUtcNow();
        var sent = 0;
        progress?.Invoke(0, items.Count);
        while (sent < items.Count)
        {
            var wait = start + schedule.Between(0, sent) - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            if (stop.IsCancellationRequested) break;

            var now = time.GetUtcNow();
            var end = sent + 1;
            while (end < items.Count && end - sent < LargestBatch && start + schedule.Between(0, end) <= now) end++;
            var batch = items.Skip(sent).Take(end - sent).Select(i => Outgoing(i with { ObservedAt = now })).ToList();
            foreach (var item in batch) tally.Read(item.Platform);
            // A batch already taken is sent whole, even after Ctrl+C: stopping never leaves half a batch unsent.
            await IngestSender.SendAsync(client, batch, LargestBatch, tally, _ => { }, CancellationToken.None);
            sent = end;
            progress?.Invoke(sent, items.Count);
        }
        return new ReplayOutcome(sent, items.Count, tally, sent < items.Count, clock.Elapsed, sent > 0 ? items[sent - 1].PublishedAt : null);
    }

    private static OutgoingCoverage Outgoing(CoverageReceived item) => new(
        CoverageIdentity.For(item.Platform, item.PlatformId, item.Url), item.Platform, $"{item.Platform} {item.PlatformId}",
        JsonSerializer.SerializeToElement(item, CoverageSource.Json));
}
