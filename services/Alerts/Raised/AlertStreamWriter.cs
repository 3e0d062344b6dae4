using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Raised;

/// <summary>
/// Appends to an alert's stream what its events call for: reads the stream, decides, appends at the version read; on a
/// conflict (someone appended meanwhile) reads and decides again. The event id comes from the version, so repeating
/// the same append is a no-op.
/// </summary>
public sealed class AlertStreamWriter(EventStore.EventStore store)
{
    public const int MaxConflicts = 10;

    /// <param name="decide">The event to append given the stream's events; null when there is nothing (any more) to append.</param>
    /// <param name="eventId">The event's id from the version it is appended after.</param>
    /// <returns>The event appended; null when nothing was.</returns>
    public async Task<object?> AppendAsync(Guid alertId, Func<IReadOnlyList<StoredEvent>, object?> decide, Func<long, Guid> eventId, CancellationToken ct)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var stream = await store.ReadStreamAsync(alertId, 1, ct);
            if (decide(stream) is not { } e) return null;
            var version = stream.Count == 0 ? 0 : stream[^1].Version;
            try
            {
                var result = await store.AppendAsync(alertId, MonitorEventTypes.AlertStream, ExpectedVersion.Exactly(version), [new EventData(eventId(version), e)], ct);
                return result.WasDuplicate ? null : e;
            }
            catch (ConcurrencyException) when (conflicts < MaxConflicts)
            {
            }
        }
    }

    /// <summary>The id of an event that belongs to one purpose (e.g. a channel's delivery) at one version of the stream.</summary>
    public static Func<long, Guid> IdFor(Guid alertId, string purpose) => version => CoverageIdentity.NameBased(alertId, $"{purpose}:{version}");
}
