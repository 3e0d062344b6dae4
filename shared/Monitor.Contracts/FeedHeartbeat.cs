namespace Monitor.Contracts;

/// <summary>A feed finished a poll cycle and is alive. Appended once per cycle to <c>feed-{Feed}</c>.</summary>
/// <param name="Published">Items published in this cycle.</param>
/// <param name="Quarantined">Items skipped as bad input in this cycle (see <see cref="FeedItemQuarantined"/>), refused pages included.</param>
/// <param name="Pages">Pages fetched in this cycle.</param>
/// <param name="PagesRefused">
/// Pages of this cycle refused whole because they held no results: an HTML login wall or captcha, JSON cut short,
/// an oversized answer, the platform's own error. Each is also a <see cref="FeedItemQuarantined"/>; the cycle read on past it.
/// </param>
/// <param name="LastPageRefused">Why the last of them was refused (null when none was).</param>
public sealed record FeedHeartbeat(
    string Feed,
    int Published,
    int Quarantined,
    int Pages,
    DateTimeOffset At,
    int PagesRefused = 0,
    string? LastPageRefused = null);
