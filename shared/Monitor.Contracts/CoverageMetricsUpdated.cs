namespace Monitor.Contracts;

/// <summary>A known coverage item was seen again with different engagement counts.</summary>
/// <param name="Engagement">The counts as now observed (the whole set, not a delta).</param>
public sealed record CoverageMetricsUpdated(
    Guid CoverageId,
    string Platform,
    Engagement Engagement,
    long? AuthorFollowers,
    DateTimeOffset ObservedAt);
