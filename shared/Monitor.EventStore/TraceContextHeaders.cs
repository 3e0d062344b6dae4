using System.Diagnostics;
using System.Text.Json;

namespace Monitor.EventStore;

/// <summary>
/// The W3C trace context an append stores in an event's headers (see
/// <see cref="EventStoreOptions.RecordTraceContext"/>), so that whoever reads the event later (the relay,
/// which publishes it on) can continue the trace of the work that appended it.
/// </summary>
public static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>
    /// The headers JSON for the current activity (<c>{"traceparent":"00-…"}</c>, plus tracestate when it has
    /// one), or null when no activity is current or its id is not in the W3C format. Computed once per append
    /// and shared by its events.
    /// </summary>
    internal static string? OfCurrentActivity()
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is not { } traceparent) return null;
        var tracestate = activity.TraceStateString;
        // A W3C id is lower-case hex and dashes: nothing to escape.
        if (string.IsNullOrEmpty(tracestate)) return "{\"" + TraceParent + "\":\"" + traceparent + "\"}";
        return JsonSerializer.Serialize(new Dictionary<string, string> { [TraceParent] = traceparent, [TraceState] = tracestate });
    }

    /// <summary>As <see cref="OfCurrentActivity"/>, as a dictionary of headers.</summary>
    internal static IReadOnlyDictionary<string, string>? OfCurrentActivityAsDictionary()
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is not { } traceparent) return null;
        var headers = new Dictionary<string, string> { [TraceParent] = traceparent };
        if (!string.IsNullOrEmpty(activity.TraceStateString)) headers[TraceState] = activity.TraceStateString;
        return headers;
    }

    /// <summary>The trace context stored with an event, if it has a valid one.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string> headers, out ActivityContext context)
    {
        context = default;
        if (headers.Count == 0 || !headers.TryGetValue(TraceParent, out var traceparent)) return false;
        headers.TryGetValue(TraceState, out var tracestate);
        return ActivityContext.TryParse(traceparent, tracestate, out context);
    }
}
