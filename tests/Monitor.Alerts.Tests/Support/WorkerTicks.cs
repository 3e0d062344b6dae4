using Monitor.Alerts.Digests;
using Monitor.Alerts.Tests.Service;

namespace Monitor.Alerts.Tests.Support;

internal static class WorkerTicks
{
    /// <summary>
    /// Moves the clock on one worker tick at a time until <paramref name="condition"/> holds: a tick that fires while
    /// the worker is still busy with the one before is simply the next one. Each tick is given 5 s of real time; at most 12 ticks.
    /// </summary>
    public static async Task UntilAsync(ManualClock clock, Func<bool> condition, string what, Func<string>? context = null)
    {
        for (var tick = 0; tick < 12 && !condition(); tick++)
        {
            clock.Advance(DigestWorker.Tick);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        await Eventually.HoldsAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(30), what, context);
    }
}
