namespace Monitor.Api.Analytics;

/// <summary>Scored mentions of one platform in one bucket, by label; <see cref="AverageScore"/> in -1..1.</summary>
public sealed record TimelinePoint(DateTimeOffset Bucket, string Platform, long Positive, long Neutral, long Negative, long Total, double AverageScore);

public sealed record VolumePoint(DateTimeOffset Bucket, long Total);

/// <summary>The time span the mentions cover (null when there are none).</summary>
public sealed record MentionRange(DateTimeOffset? Earliest, DateTimeOffset? Latest, long Total);

/// <summary>An entity's mentions and share of voice among the entities listed (shares sum to 1).</summary>
public sealed record EntityShare(string Entity, string Name, string Type, long Mentions, double Share, long Positive, long Neutral, long Negative);

public sealed record TopAuthor(string Platform, string AuthorId, string Author, long? Followers, long Reach, long Mentions, long Negative);
