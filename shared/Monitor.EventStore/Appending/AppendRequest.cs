namespace Monitor.EventStore;

/// <summary>
/// A batched append as the parallel arrays append_events takes. Streams are sorted by id so that two
/// batches touching the same streams lock them in the same order and cannot deadlock.
/// </summary>
internal sealed class AppendRequest
{
    private IReadOnlyList<StreamAppend> _callerOrder = [];
    private Dictionary<Guid, (int First, int Count)> _eventRanges = new();

    public Guid[] StreamIds { get; private init; } = [];
    public string[] StreamTypes { get; private init; } = [];
    public long[] Expected { get; private init; } = [];
    public int[] Counts { get; private init; } = [];
    public int[] EventStreams { get; private init; } = [];
    public int[] Ordinals { get; private init; } = [];
    public Guid[] EventIds { get; private init; } = [];
    public string[] EventTypes { get; private init; } = [];
    public string[] Data { get; private init; } = [];
    public string?[] Headers { get; private init; } = [];

    public bool IsEmpty => StreamIds.Length == 0;

    public bool IsSingleStream => StreamIds.Length == 1;

    /// <param name="defaultHeaders">The headers JSON of events that bring none (the current trace context), or null.</param>
    public static AppendRequest Build(IReadOnlyList<StreamAppend> appends, EventTypeRegistry registry, string? defaultHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(appends);
        var sorted = appends.Select((a, i) => Validate(a, i)).OrderBy(a => a.StreamId).ToArray();
        var eventCount = sorted.Sum(a => a.Events.Count);
        var request = new AppendRequest
        {
            _callerOrder = appends,
            StreamIds = new Guid[sorted.Length],
            StreamTypes = new string[sorted.Length],
            Expected = new long[sorted.Length],
            Counts = new int[sorted.Length],
            EventStreams = new int[eventCount],
            Ordinals = new int[eventCount],
            EventIds = new Guid[eventCount],
            EventTypes = new string[eventCount],
            Data = new string[eventCount],
            Headers = new string?[eventCount],
        };

        var seenIds = new HashSet<Guid>(eventCount);
        var e = 0;
        for (var s = 0; s < sorted.Length; s++)
        {
            var append = sorted[s];
            if (s > 0 && sorted[s - 1].StreamId == append.StreamId)
                throw new ArgumentException($"Stream {append.StreamId} appears twice in one batch; merge its events into one StreamAppend.", nameof(appends));
            request.StreamIds[s] = append.StreamId;
            request.StreamTypes[s] = append.StreamType;
            request.Expected[s] = append.Expected.Value;
            request.Counts[s] = append.Events.Count;
            request._eventRanges[append.StreamId] = (e, append.Events.Count);
            var ordinal = 0;
            foreach (var ev in append.Events)
            {
                if (!seenIds.Add(ev.Id))
                    throw new ArgumentException($"Event id {ev.Id} appears twice in one append; every event needs its own id.", nameof(appends));
                request.EventStreams[e] = s + 1; // PostgreSQL arrays are 1-based
                request.Ordinals[e] = ++ordinal;
                request.EventIds[e] = ev.Id;
                request.EventTypes[e] = registry.NameOf(ev.Data.GetType());
                request.Data[e] = registry.Serialize(ev.Data);
                request.Headers[e] = EventStore.SerializeHeaders(ev.Headers) ?? defaultHeaders;
                e++;
            }
        }
        return request;
    }

    /// <summary>Checks a batch as <see cref="Build"/> does, without serializing it.</summary>
    public static void Check(IReadOnlyList<StreamAppend> appends)
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
                if (!events.Add(ev.Id))
                    throw new ArgumentException($"Event id {ev.Id} appears twice in one append; every event needs its own id.", nameof(appends));
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

    public Guid[] EventIdsOf(IEnumerable<Guid> streamIds) =>
        streamIds.SelectMany(id => _eventRanges.TryGetValue(id, out var r) ? EventIds.Skip(r.First).Take(r.Count) : []).ToArray();

    public IReadOnlyList<StreamAppendOutcome> InCallerOrder(IReadOnlyDictionary<Guid, StreamAppendOutcome> byStream) =>
        _callerOrder.Select(a => byStream.TryGetValue(a.StreamId, out var o)
            ? o
            : throw new EventStoreException($"The append function returned no outcome for stream {a.StreamId}.")).ToArray();
}
