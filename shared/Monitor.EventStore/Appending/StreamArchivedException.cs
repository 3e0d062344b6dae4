namespace Monitor.EventStore;

/// <summary>An append targeted an archived stream; archived streams take no more events.</summary>
public sealed class StreamArchivedException(Guid streamId)
    : Exception($"Stream {streamId} is archived and takes no more events; nothing was appended.")
{
    public Guid StreamId { get; } = streamId;
}
