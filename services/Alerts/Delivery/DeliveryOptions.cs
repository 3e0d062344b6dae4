namespace Monitor.Alerts.Delivery;

/// <summary>
/// How hard one delivery tries: a per-attempt timeout and a circuit breaker per destination; digests and held-alert
/// releases also retry here with exponential back-off and jitter (alerts retry on the <see cref="DeliverySchedule"/>).
/// </summary>
public sealed record DeliveryOptions
{
    /// <summary>Immediate retries of a digest or a release (not of an alert).</summary>
    public int MaxRetries { get; init; } = 4;
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The breaker opens when at least this share of calls failed ...</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;
    /// <summary>... among at least this many calls to the destination within <see cref="BreakerSamplingDuration"/>.</summary>
    public int BreakerMinimumThroughput { get; init; } = 5;
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(60);
}
