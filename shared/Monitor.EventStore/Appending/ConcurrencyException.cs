namespace Monitor.EventStore;

/// <summary>The stream was not at the version the writer expected; nothing was appended.</summary>
public sealed class ConcurrencyException : Exception
{
    public ConcurrencyException(Guid streamId, ExpectedVersion expected, long? actualVersion)
        : base($"Stream {streamId} was expected at {expected} but is " +
               (actualVersion is { } v ? $"at version {v}" : "missing") + "; nothing was appended.")
    {
        StreamId = streamId;
        Expected = expected;
        ActualVersion = actualVersion;
    }

    public Guid StreamId { get; }
    public ExpectedVersion Expected { get; }

    /// <summary>The stream's version when the append was refused; null when the stream does not exist.</summary>
    public long? ActualVersion { get; }
}
