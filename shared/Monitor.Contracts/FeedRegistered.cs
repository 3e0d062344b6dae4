namespace Monitor.Contracts;

/// <summary>
/// A feed process started and announced itself. First event of a run in the feed's stream
/// <c>feed-{Feed}</c>; the API lists feeds from these.
/// </summary>
/// <param name="Feed">The feed's name (MONITOR_FEED_NAME), unique in a deployment.</param>
/// <param name="Platform">The platform it reads (one of <see cref="PlatformNames"/>).</param>
/// <param name="Source">What it reads: a base URL, feed URLs, or a replay corpus path.</param>
/// <param name="Keywords">The keywords it searches for, if any.</param>
/// <param name="Interval">The time between poll cycles.</param>
/// <param name="Host">Machine and process id, to tell two instances apart.</param>
/// <param name="Version">The feed service's assembly version.</param>
public sealed record FeedRegistered(
    string Feed,
    string Platform,
    string Source,
    IReadOnlyList<string> Keywords,
    TimeSpan Interval,
    string Host,
    string Version,
    DateTimeOffset RegisteredAt);
