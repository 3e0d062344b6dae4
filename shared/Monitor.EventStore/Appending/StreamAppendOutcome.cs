namespace Monitor.EventStore;

/// <summary>
/// What a batched append did to one stream. <see cref="Version"/> is the version after the append,
/// the last duplicate's version, or for a conflict the stream's actual version (0 when it does not exist).
/// </summary>
public sealed record StreamAppendOutcome(Guid StreamId, AppendStatus Status, long Version);
