namespace Monitor.EventStore;

/// <summary>What an append must hold before the store looks at the database.</summary>
internal static class AppendRequest
{
    /// <summary>Refuses a batch that names a stream twice, repeats an event id, lacks ids, types or data, or holds an unregistered event type.</summary>
    public static void Check(IReadOnlyList<StreamAppend> appends, EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(appends);
        var streams = new HashSet<Guid>(appends.Count);
        var events = new HashSet<Guid>();
        for (var i = 0; i < appends.Count; i++)
        {
            var append = Validate(appends[i], i);
            if (!streams.Add(append.StreamId))
                throw new ArgumentException($"Stream {append.StreamId} appears twice in one batch; merge its events into one StreamAppend.", nameof(appends));
            foreach (var ev in append.Events)
            {
                registry.NameOf(ev.Data.GetType());
                if (!events.Add(ev.Id))
                    throw new ArgumentException($"Event id {ev.Id} appears twice in one append; every event needs its own id.", nameof(appends));
            }
        }
    }

    private static StreamAppend Validate(StreamAppend? append, int index)
    {
        if (append is null) throw new ArgumentException($"Append #{index} is null.", "appends");
        if (append.StreamId == Guid.Empty) throw new ArgumentException($"Append #{index} has an empty stream id.", "appends");
        if (string.IsNullOrWhiteSpace(append.StreamType)) throw new ArgumentException($"Append to stream {append.StreamId} has no stream type.", "appends");
        if (append.Events is null || append.Events.Count == 0) throw new ArgumentException($"Append to stream {append.StreamId} has no events.", "appends");
        foreach (var ev in append.Events)
        {
            if (ev is null) throw new ArgumentException($"Append to stream {append.StreamId} contains a null event.", "appends");
            if (ev.Id == Guid.Empty) throw new ArgumentException($"An event for stream {append.StreamId} has an empty id; supply a deterministic id.", "appends");
            if (ev.Data is null) throw new ArgumentException($"Event {ev.Id} for stream {append.StreamId} has no data.", "appends");
        }
        return append;
    }
}
