using Monitor.Contracts;

namespace Monitor.Feeds.Sdk.Journal;

/// <summary>Where a feed keeps its facts: its own stream <c>feed-{name}</c> and its quarantine stream.</summary>
public static class FeedStreams
{
    public const string FeedStreamType = "feed";
    public const string QuarantineStreamType = "feed-quarantine";

    public static Guid Feed(string feed) => CoverageIdentity.NameBased(CoverageIdentity.Namespace, "feed-" + feed);

    public static Guid Quarantine(string feed) => CoverageIdentity.NameBased(CoverageIdentity.Namespace, "feed-quarantine-" + feed);
}
