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

    public static void Appended(IReadOnlyList<StreamAppend> appends, IReadOnlyList<StreamAppendOutcome> outcomes, EventTypeRegistry registry)
    {
        if (!EventsAppended.Enabled) return;
        for (var i = 0; i < appends.Count; i++)
        {
            if (outcomes[i].Status != AppendStatus.Appended) continue;
            foreach (var e in appends[i].Events)
                EventsAppended.Add(1, new KeyValuePair<string, object?>("type", registry.NameOf(e.Data.GetType())));
        }
    }
}
