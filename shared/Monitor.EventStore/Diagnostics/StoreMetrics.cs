using System.Diagnostics.Metrics;

namespace Monitor.EventStore.Diagnostics;

/// <summary>
/// What the store appends, on the meter "Monitor" (Monitor.Hosting exports it at /metrics as
/// monitor_events_appended_total{type}). A re-append of stored event ids appends nothing and is not counted.
/// </summary>
internal static class StoreMetrics
{
    private static readonly Meter Meter = new("Monitor");

    private static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>(
        "monitor.events.appended", "{event}", "Events appended to the event store, by event type.");

    public static void Appended(AppendRequest request, IReadOnlyList<StreamAppendOutcome> outcomes)
    {
        if (!EventsAppended.Enabled) return;
        var appended = outcomes.Where(o => o.Status == AppendStatus.Appended).Select(o => o.StreamId).ToHashSet();
        if (appended.Count == 0) return;
        // The request holds its events stream after stream, Counts[s] of them for StreamIds[s].
        var first = 0;
        for (var s = 0; s < request.StreamIds.Length; s++)
        {
            if (appended.Contains(request.StreamIds[s]))
                for (var e = first; e < first + request.Counts[s]; e++)
                    EventsAppended.Add(1, new KeyValuePair<string, object?>("type", request.EventTypes[e]));
            first += request.Counts[s];
        }
    }
}
