namespace Monitor.ReadModels.Feeds;

/// <summary>A feed's health as its events tell it. <see cref="LastTxId"/>/<see cref="LastSeqId"/> is the last event applied.</summary>
/// <param name="LastCyclePagesRefused">Pages its last heartbeat reported refused whole; <see cref="LastPageRefused"/> says why.</param>
public sealed record FeedDocument(
    string Feed,
    string Platform,
    string Source,
    TimeSpan Interval,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? LastCursorAt,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    int ConsecutiveFailures,
    long ItemsPublished,
    long Quarantined,
    DateTimeOffset? LastQuarantinedAt,
    ulong LastTxId,
    long LastSeqId,
    long PagesRefused = 0,
    int LastCyclePagesRefused = 0,
    string? LastPageRefused = null)
{
    /// <summary>Failed cycles in a row (with no heartbeat since) from which a feed counts as failing rather than degraded.</summary>
    public const int FailingAfter = 3;

    /// <summary>The shortest silence that makes a feed silent, whatever its interval.</summary>
    public static readonly TimeSpan MinimumSilence = TimeSpan.FromMinutes(5);

    /// <summary>
    /// ok: heartbeating; degraded: its last cycle(s) failed, fewer than <see cref="FailingAfter"/> in a row, or its
    /// last cycle refused pages;
    /// failing: at least that many in a row; silent: nothing heard for three intervals (at least five minutes).
    /// </summary>
    public string StatusAt(DateTimeOffset now)
    {
        var lastHeard = Max(LastHeartbeatAt, LastFailureAt) ?? RegisteredAt;
        var silence = TimeSpan.FromTicks(Math.Max(Interval.Ticks * 3, MinimumSilence.Ticks));
        if (lastHeard is null || now - lastHeard > silence) return FeedStatuses.Silent;
        if (ConsecutiveFailures >= FailingAfter) return FeedStatuses.Failing;
        if (ConsecutiveFailures > 0 || LastCyclePagesRefused > 0) return FeedStatuses.Degraded;
        return FeedStatuses.Ok;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

public static class FeedStatuses
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Failing = "failing";
    public const string Silent = "silent";
}
