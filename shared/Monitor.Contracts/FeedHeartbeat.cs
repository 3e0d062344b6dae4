namespace Monitor.Contracts;

/// <summary>A feed finished a poll cycle and is alive. Appended once per cycle to <c>feed-{Feed}</c>.</summary>
/// <param name="Published">Items published in this cycle.</param>
/// <param name="Quarantined">Items skipped as bad input in this cycle (see <see cref="FeedItemQuarantined"/>).</param>
/// <param name="Pages">Pages fetched in this cycle.</param>
public sealed record FeedHeartbeat(
    string Feed,
    int Published,
    int Quarantined,
    int Pages,
    DateTimeOffset At);
