using System.Text.Json;
using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// One server-sent event of the alert stream, written out once and handed to every listener. The JSON is
/// written without indentation, so it never holds a line break and fits on one <c>data:</c> line. Its <c>id:</c> is
/// the log position of the event it comes from (<see cref="StreamPosition"/>): what the client gives back to resume;
/// an event with several messages puts it on its last.
/// </summary>
/// <param name="Text">The event as it goes on the wire, blank line included.</param>
/// <param name="AlertId">The alert it is about, so it goes only to those who may see it; null for the stream's own messages.</param>
internal sealed record AlertStreamMessage(string Text, Guid? AlertId = null)
{
    public const string AlertEvent = "alert";
    public const string UpdatedEvent = "alert-updated";
    public const string ReloadEvent = "reload";

    public static AlertStreamMessage Raised(AlertView alert, GlobalPosition position) =>
        new($"event: {AlertEvent}\nid: {StreamPosition.Format(position)}\ndata: {JsonSerializer.Serialize(alert, JsonSerializerOptions.Web)}\n\n", alert.Id);

    /// <param name="position">Null for all but the last of an event's messages (see <see cref="AlertMessages"/>).</param>
    public static AlertStreamMessage Updated(AlertUpdate update, GlobalPosition? position) =>
        new($"event: {UpdatedEvent}\n{(position is { } p ? $"id: {StreamPosition.Format(p)}\n" : "")}data: {JsonSerializer.Serialize(update, JsonSerializerOptions.Web)}\n\n", update.Id);

    /// <summary>
    /// The client asked to resume from too far back: it should load its list again. The stream goes on from
    /// <paramref name="position"/>, so a reconnection resumes from there.
    /// </summary>
    public static AlertStreamMessage Reload(GlobalPosition position, int limit) =>
        new($"event: {ReloadEvent}\nid: {StreamPosition.Format(position)}\ndata: {JsonSerializer.Serialize(new { reason = $"more than {limit} alert events to catch up" }, JsonSerializerOptions.Web)}\n\n");

    /// <summary>
    /// Sets the client's resume position without an event (a message with an id and no data is not dispatched,
    /// but EventSource keeps its id): a client that reconnects before any event arrived resumes from here.
    /// </summary>
    public static AlertStreamMessage Connected(GlobalPosition position) =>
        new($": connected\nid: {StreamPosition.Format(position)}\n\n");
}
