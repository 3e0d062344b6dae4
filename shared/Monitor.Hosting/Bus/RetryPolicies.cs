using MassTransit;

namespace Monitor.Hosting.Bus;

/// <summary>The retry schedule every consumer shares: MassTransit's consumer definitions and the workers' queue consumers.</summary>
public static class RetryPolicies
{
    /// <summary>
    /// Five quick retries (0.1 s to 0.9 s) for transient trouble (a concurrency conflict, a dropped
    /// connection), then seven slower ones (2 s to 30 s) so that a batch stays in hand through a
    /// database restart or failover of about two minutes instead of landing in _error, from where
    /// only an operator brings it back (the fault suite lost batches of 100 to a 25-second PostgreSQL
    /// restart that way). A message that still fails goes to the _error queue; exceptions a definition
    /// ignores (invalid input) go there at once.
    /// </summary>
    public static void Transient(IRetryConfigurator retry) =>
        retry.Intervals(Schedule);

    /// <summary>The pauses between attempts: twelve retries after the first attempt.</summary>
    public static IReadOnlyList<TimeSpan> Intervals => Schedule;

    private static readonly TimeSpan[] Schedule =
        new[] { 0.1, 0.3, 0.5, 0.7, 0.9, 2, 5, 10, 15, 20, 30, 30 }.Select(TimeSpan.FromSeconds).ToArray();
}
