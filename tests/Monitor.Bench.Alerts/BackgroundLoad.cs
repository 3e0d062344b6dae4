using System.Diagnostics;
using System.Text;

namespace Monitor.Bench.Alerts;

/// <summary>
/// A steady stream of non-tipping coverage through POST /api/coverage: a batch every 100 ms, sized for the
/// asked rate. Batches are posted one after another, so when ingestion answers slower than the rate the load
/// falls behind (and says so) instead of piling up requests.
/// </summary>
public sealed class BackgroundLoad(HttpClient ingestion, string runId, int itemsPerSecond)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private long _accepted;
    private long _failed;
    private readonly Stopwatch _clock = new();

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Failed => Interlocked.Read(ref _failed);
    public double AchievedPerSecond => Accepted / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);

    public async Task RunAsync(CancellationToken ct)
    {
        if (itemsPerSecond <= 0) return;
        _clock.Start();
        var sent = 0;
        for (var tick = 1; !ct.IsCancellationRequested; tick++)
        {
            var due = (int)(itemsPerSecond * tick * Tick.TotalSeconds) - sent;
            if (due > 0)
            {
                try
                {
                    using var content = new StringContent(BenchCoverage.Background(runId, sent, due), Encoding.UTF8, "application/json");
                    using var response = await ingestion.PostAsync("/api/coverage", content, ct);
                    if (response.IsSuccessStatusCode) Interlocked.Add(ref _accepted, due);
                    else Interlocked.Add(ref _failed, due);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Add(ref _failed, due);
                }
                sent += due;
            }
            var wait = Tick * tick - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
