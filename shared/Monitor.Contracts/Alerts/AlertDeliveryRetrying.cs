namespace Monitor.Contracts.Alerts;

/// <summary>
/// An attempt to deliver an alert to one channel failed in a way that may pass (the receiver down, a timeout, a 5xx,
/// 408 or 429, an open circuit), and the retry schedule has a next step: the alerts service tries again at
/// <paramref name="NextAttemptAt"/>, also after a restart, since the schedule is read back from the log.
/// </summary>
/// <param name="Attempt">Which attempt failed: 1 for the first, counted from the raise or the last re-send.</param>
/// <param name="Reason">What went wrong, as in AlertDeliveryFailed.</param>
public sealed record AlertDeliveryRetrying(
    Guid AlertId, string ChannelId, string ChannelKind, int Attempt, string Reason, DateTimeOffset NextAttemptAt, DateTimeOffset At);
