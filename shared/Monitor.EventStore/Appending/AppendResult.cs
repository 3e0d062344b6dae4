namespace Monitor.EventStore;

/// <summary>The stream's version after the append; for a duplicate, the version of the last re-appended event.</summary>
public sealed record AppendResult(Guid StreamId, long Version, bool WasDuplicate);
