namespace Monitor.EventStore;

/// <summary>One stream's part of a batched append.</summary>
public sealed record StreamAppend(Guid StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<EventData> Events);
