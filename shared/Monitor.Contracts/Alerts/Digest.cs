namespace Monitor.Contracts.Alerts;

/// <summary>
/// The daily digest of a subscription's scope over [From, To): the day's volume, the sentiment split per
/// platform, the top negative mentions with links, and the alerts raised (those held by quiet hours marked).
/// </summary>
/// <param name="DigestId">UUIDv5 of subscription + local day: the same digest always has the same id.</param>
/// <param name="Day">The local date of the digest in <paramref name="TimeZone"/>.</param>
public sealed record Digest(
    Guid DigestId,
    Guid SubscriptionId,
    string SubscriptionName,
    DateOnly Day,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    int Volume,
    IReadOnlyDictionary<string, SentimentSplit> Platforms,
    IReadOnlyList<AlertMention> TopNegative,
    IReadOnlyList<DigestAlert> Alerts);
