namespace Monitor.Feeds.Sdk;

/// <summary>What a feed knows about the fetch it is doing.</summary>
/// <param name="Feed">The feed's name; every item it publishes carries it.</param>
/// <param name="ObservedAt">When the page was fetched; engagement counts are as of this moment.</param>
public sealed record FeedContext(string Feed, DateTimeOffset ObservedAt);
